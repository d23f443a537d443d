import { type TeamHours } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Team } from './team.schema';

export interface TeamRecord {
  id: string;
  name: string;
  memberIds: string[];
  categoryIds: string[];
  businessHours: TeamHours | null;
  createdAt: Date;
  updatedAt: Date;
}

export type TeamFields = Pick<TeamRecord, 'name' | 'memberIds' | 'categoryIds' | 'businessHours'>;

const toRecord = ({
  _id,
  name,
  memberIds,
  categoryIds,
  businessHours,
  createdAt,
  updatedAt,
}: Team): TeamRecord => ({
  id: _id,
  name,
  memberIds: memberIds ?? [],
  categoryIds: categoryIds ?? [],
  businessHours: businessHours ?? null,
  createdAt,
  updatedAt,
});

const nameKey = (fields: Partial<TeamFields>) =>
  fields.name === undefined ? {} : { nameKey: fields.name.toLowerCase() };

/** Teams of the tenant in context; `name_taken` from a write whose name another team has. */
@Injectable()
export class TeamsRepository {
  constructor(@InjectModel(Team.name) private readonly teams: Model<Team>) {}

  async create(fields: TeamFields): Promise<TeamRecord | 'name_taken'> {
    try {
      const created = await this.teams.create({ _id: randomUUID(), ...fields, ...nameKey(fields) });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async list(): Promise<TeamRecord[]> {
    return (await this.teams.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toRecord);
  }

  count(): Promise<number> {
    return this.teams.countDocuments();
  }

  async findById(id: string): Promise<TeamRecord | null> {
    const team = await this.teams.findById(id).lean();
    return team && toRecord(team);
  }

  async update(
    id: string,
    changes: Partial<TeamFields>,
  ): Promise<TeamRecord | null | 'name_taken'> {
    try {
      const result = await this.teams.updateOne(
        { _id: id },
        { $set: { ...changes, ...nameKey(changes) } },
      );
      return result.matchedCount === 0 ? null : this.findById(id);
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.teams.deleteOne({ _id: id })).deletedCount === 1;
  }
}
