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
