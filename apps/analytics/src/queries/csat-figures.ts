import { type CsatFigures, type CsatScore } from '@app/contracts';

/** Conversations rated so, with the agent and team they closed with (`''` for none). */
export interface CsatRow {
  rating: number;
  agent: string;
  team: string;
  count: number;
}

function scoreOf(rows: CsatRow[]): CsatScore {
  const byRating: CsatScore['byRating'] = [0, 0, 0, 0, 0];
  for (const row of rows)
    if (row.rating >= 1 && row.rating <= 5) byRating[row.rating - 1] += row.count;
  // A replacement taken out of a day whose first rating was never counted (a consumer group
  // that started late) must not make a figure negative.
  for (let index = 0; index < 5; index += 1) byRating[index] = Math.max(0, byRating[index]);
  const ratings = byRating.reduce((total, count) => total + count, 0);
  const satisfied = byRating[3] + byRating[4];
  const sum = byRating.reduce((total, count, index) => total + count * (index + 1), 0);
  return {
    ratings,
    satisfied,
    score: ratings === 0 ? null : Math.round((satisfied / ratings) * 10_000) / 10_000,
    average: ratings === 0 ? null : Math.round((sum / ratings) * 100) / 100,
    byRating,
  };
}

/** Groups by a key, most ratings first, then by key; groups with no rating left out. */
function groups(rows: CsatRow[], key: (row: CsatRow) => string) {
  const grouped = new Map<string, CsatRow[]>();
  for (const row of rows) grouped.set(key(row), [...(grouped.get(key(row)) ?? []), row]);
  return [...grouped]
    .map(([id, of]) => ({ id: id || null, score: scoreOf(of) }))
    .filter((group) => group.score.ratings > 0)
    .sort((a, b) => b.score.ratings - a.score.ratings || ((a.id ?? '') < (b.id ?? '') ? -1 : 1));
}

/** The CSAT figures from rows of counted ratings, as both sources give them. */
export function csatFiguresOf(rows: CsatRow[]): CsatFigures {
  return {
    overall: scoreOf(rows),
    byAgent: groups(rows, (row) => row.agent).map(({ id, score }) => ({ agentId: id, ...score })),
    byTeam: groups(rows, (row) => row.team).map(({ id, score }) => ({ teamId: id, ...score })),
  };
}
