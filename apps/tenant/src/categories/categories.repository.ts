import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Category } from './category.schema';

export interface CategoryRecord {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

const toRecord = ({ _id, name, createdAt, updatedAt }: Category): CategoryRecord => ({
  id: _id,
  name,
  createdAt,
  updatedAt,
});

/** Categories of the tenant in context; `null` from a write whose name another one has. */
@Injectable()
export class CategoriesRepository {
  constructor(@InjectModel(Category.name) private readonly categories: Model<Category>) {}

  async create(name: string): Promise<CategoryRecord | 'name_taken'> {
    try {
      const created = await this.categories.create({
        _id: randomUUID(),
        name,
        nameKey: name.toLowerCase(),
      });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async list(): Promise<CategoryRecord[]> {
    return (await this.categories.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toRecord);
  }

  count(): Promise<number> {
    return this.categories.countDocuments();
  }

  async findById(id: string): Promise<CategoryRecord | null> {
    const category = await this.categories.findById(id).lean();
    return category && toRecord(category);
  }

  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.categories.find({ _id: { $in: ids } }, { _id: 1 }).lean();
    return new Set(found.map((category) => category._id));
  }

  async rename(id: string, name: string): Promise<CategoryRecord | null | 'name_taken'> {
    try {
      const result = await this.categories.updateOne(
        { _id: id },
        { $set: { name, nameKey: name.toLowerCase() } },
      );
      return result.matchedCount === 0 ? null : this.findById(id);
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.categories.deleteOne({ _id: id })).deletedCount === 1;
  }
}
