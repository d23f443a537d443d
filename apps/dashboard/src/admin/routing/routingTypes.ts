import type { CategoryView, Jsonified, TeamView } from '@app/contracts';

/** A category as GET /api/tenant/categories answers it. */
export type Category = Jsonified<CategoryView>;

/** A team as GET /api/tenant/teams answers it. */
export type Team = Jsonified<TeamView>;

/** What a team form edits. */
export type TeamDraft = Pick<Team, 'name' | 'memberIds' | 'categoryIds' | 'businessHours'>;
