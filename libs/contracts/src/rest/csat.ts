/** The ratings a visitor may give a conversation: 1 (very unhappy) to 5 (very happy). */
export const CSAT_RATINGS = [1, 2, 3, 4, 5] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];

/** The longest comment a visitor may leave with a rating. */
export const CSAT_COMMENT_MAX = 1000;

/** Where a rating came from: the widget after the close, or a link in the transcript email. */
export type CsatSource = 'widget' | 'email';

/** A resolved conversation's satisfaction rating: the visitor's latest (a later one replaces it). */
export interface RoomCsat {
  rating: CsatRating;
  comment: string | null;
  ratedAt: string;
  via: CsatSource;
}

/**
 * A CSAT score: `ratings` conversations rated (each counted once, by its latest rating, on the
 * day of that rating), `satisfied` those rated 4 or 5, `score` = satisfied / ratings (the usual
 * CSAT %, as a fraction with four decimals; null: no ratings), `average` the mean rating (two
 * decimals; null: none), `byRating` how many got 1, 2, 3, 4 and 5.
 */
export interface CsatScore {
  ratings: number;
  satisfied: number;
  score: number | null;
  average: number | null;
  byRating: [number, number, number, number, number];
}

/** CSAT overall, by agent and by team (null: none), most ratings first. */
export interface CsatFigures {
  overall: CsatScore;
  byAgent: Array<{ agentId: string | null } & CsatScore>;
  byTeam: Array<{ teamId: string | null } & CsatScore>;
}

/** `GET /api/analytics/csat` beside the range; agents with their names (null: unknown). */
export interface CsatReport extends Omit<CsatFigures, 'byAgent'> {
  from: string;
  to: string;
  chatbotId: string | null;
  byAgent: Array<{ agentId: string | null; name: string | null } & CsatScore>;
}
