import { type CategorySnapshot, type TeamHours, type TeamSnapshot } from '@app/contracts';
import { applyIfNewer } from '@app/database';
import { findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { CategoryEntry, TeamEntry } from './directory.schemas';

export interface TeamRecord {
  id: string;
  name: string;
  memberIds: string[];
  categoryIds: string[];
  /** null: the tenant's business hours. */
  businessHours: TeamHours | null;
  createdAt: Date;
}

/** Chat's copies of the tenant's categories and teams, for the tenant in context. */
@Injectable()
export class TeamsRepository {
  constructor(
    @InjectModel(CategoryEntry.name) private readonly categories: Model<CategoryEntry>,
    @InjectModel(TeamEntry.name) private readonly teams: Model<TeamEntry>,
  ) {}

  async applyCategory(
    snapshot: CategorySnapshot | { categoryId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    const fields =
      'deleted' in snapshot ? { deleted: true } : { name: snapshot.name, deleted: false };
    await applyIfNewer(this.categories, snapshot.categoryId, fields, at);
  }

  async applyTeam(
    snapshot: TeamSnapshot | { teamId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    const fields =
      'deleted' in snapshot
        ? { deleted: true, memberIds: [], categoryIds: [] }
        : {
            name: snapshot.name,
            memberIds: snapshot.memberIds,
            categoryIds: snapshot.categoryIds,
            businessHours: snapshot.businessHours ?? null,
            createdAt: new Date(snapshot.createdAt),
            deleted: false,
          };
    // A deletion that overtakes its team's creation still needs the required creation time.
    await applyIfNewer(this.teams, snapshot.teamId, { createdAt: at, ...fields }, at);
  }

  /** The tenant's teams, oldest first (the order routing tries them in). */
  async list(): Promise<TeamRecord[]> {
    const teams = await this.teams.find({ deleted: false }).sort({ createdAt: 1, _id: 1 }).lean();
    return teams.map(({ _id, name, memberIds, categoryIds, businessHours, createdAt }) => ({
      id: _id,
      name,
      memberIds: memberIds ?? [],
      categoryIds: categoryIds ?? [],
      businessHours: businessHours ?? null,
      createdAt,
    }));
  }

  async findTeam(id: string): Promise<TeamRecord | null> {
    return (await this.list()).find((team) => team.id === id) ?? null;
  }

  /** The teams an agent belongs to. */
  async teamIdsOf(agentId: string): Promise<string[]> {
    return (await this.list())
      .filter((team) => team.memberIds.includes(agentId))
      .map((team) => team.id);
  }

  /** A category still offered, or null. */
  async findCategory(id: string): Promise<{ id: string; name: string } | null> {
    const entry = await findOwnById(this.categories, id);
    return entry && !entry.deleted ? { id: entry._id, name: entry.name } : null;
  }

  /** The offered category of this name, whatever its case, or null. */
  async categoryNamed(name: string): Promise<{ id: string; name: string } | null> {
    const wanted = name.trim().toLowerCase();
    const entries = await this.categories.find({ deleted: false }).lean();
    const entry = entries.find((category) => category.name.trim().toLowerCase() === wanted);
    return entry ? { id: entry._id, name: entry.name } : null;
  }

  /** The category's name even once deleted (rooms keep theirs); its id if never known. */
  async categoryName(id: string): Promise<string> {
    return (await findOwnById(this.categories, id))?.name ?? id;
  }
}
