import { type TeamHours } from '../schedule';

/** A category of the tenant's list, as `GET /api/tenant/categories` answers it. */
export interface CategoryView {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A team, as `GET /api/tenant/teams` answers it. */
export interface TeamView {
  id: string;
  name: string;
  memberIds: string[];
  categoryIds: string[];
  /** null: the tenant's business hours. */
  businessHours: TeamHours | null;
  createdAt: Date;
  updatedAt: Date;
}
