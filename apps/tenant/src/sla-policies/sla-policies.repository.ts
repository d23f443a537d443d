import { type SlaPolicyView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { scopeKeyOf, SlaPolicy } from './sla-policy.schema';

export type SlaPolicyRecord = SlaPolicyView;

export type SlaPolicyFields = Omit<SlaPolicyRecord, 'id' | 'createdAt' | 'updatedAt'>;

const toRecord = (policy: SlaPolicy): SlaPolicyRecord => ({
  id: policy._id,
  name: policy.name,
  priority: policy.priority,
  categoryId: policy.categoryId ?? null,
  teamId: policy.teamId ?? null,
  firstResponseSeconds: policy.firstResponseSeconds,
  resolutionSeconds: policy.resolutionSeconds,
  escalation: policy.escalation,
  createdAt: policy.createdAt,
  updatedAt: policy.updatedAt,
});

/** SLA policies of the tenant in context; `scope_taken` from a write another policy's rooms have. */
@Injectable()
export class SlaPoliciesRepository {
  constructor(@InjectModel(SlaPolicy.name) private readonly policies: Model<SlaPolicy>) {}

  async create(fields: SlaPolicyFields): Promise<SlaPolicyRecord | 'scope_taken'> {
    try {
      const created = await this.policies.create({
        _id: randomUUID(),
        ...fields,
        scopeKey: scopeKeyOf(fields),
      });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'scope_taken';
      throw error;
    }
  }

  async list(): Promise<SlaPolicyRecord[]> {
    return (await this.policies.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toRecord);
  }

  count(): Promise<number> {
    return this.policies.countDocuments();
  }

  async findById(id: string): Promise<SlaPolicyRecord | null> {
    const policy = await this.policies.findById(id).lean();
    return policy && toRecord(policy);
  }

  /** Replaces the policy's fields (the service merged the changes into the whole). */
  async replace(
    id: string,
    fields: SlaPolicyFields,
  ): Promise<SlaPolicyRecord | null | 'scope_taken'> {
    try {
      const result = await this.policies.updateOne(
        { _id: id },
        { $set: { ...fields, scopeKey: scopeKeyOf(fields) } },
      );
      return result.matchedCount === 0 ? null : this.findById(id);
    } catch (error) {
      if (isDuplicateKey(error)) return 'scope_taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.policies.deleteOne({ _id: id })).deletedCount === 1;
  }
}
