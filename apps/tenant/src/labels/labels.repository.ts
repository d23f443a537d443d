import { type LabelView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Label } from './label.schema';

export type LabelRecord = LabelView;

export type LabelFields = Pick<LabelRecord, 'name' | 'color'>;

const toRecord = ({ _id, name, color, createdAt, updatedAt }: Label): LabelRecord => ({
  id: _id,
  name,
  color,
  createdAt,
  updatedAt,
});

const withKey = (fields: Partial<LabelFields>) =>
  fields.name === undefined ? fields : { ...fields, nameKey: fields.name.toLowerCase() };

/** Labels of the tenant in context; `name_taken` from a write whose name another one has. */
@Injectable()
export class LabelsRepository {
  constructor(@InjectModel(Label.name) private readonly labels: Model<Label>) {}

  async create(fields: LabelFields): Promise<LabelRecord | 'name_taken'> {
    try {
      const created = await this.labels.create({ _id: randomUUID(), ...withKey(fields) });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async list(): Promise<LabelRecord[]> {
    return (await this.labels.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toRecord);
  }

  count(): Promise<number> {
    return this.labels.countDocuments();
  }

  async findById(id: string): Promise<LabelRecord | null> {
    const label = await this.labels.findById(id).lean();
    return label && toRecord(label);
  }

  async update(
    id: string,
    changes: Partial<LabelFields>,
  ): Promise<LabelRecord | null | 'name_taken'> {
    try {
      const result = await this.labels.updateOne({ _id: id }, { $set: withKey(changes) });
      return result.matchedCount === 0 ? null : this.findById(id);
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.labels.deleteOne({ _id: id })).deletedCount === 1;
  }
}
