import { type SlaPolicySnapshot } from '@app/contracts';
import { applyIfNewer } from '@app/database';
import { findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { SlaPolicyEntry } from './sla-policy-entry.schema';

export type SlaPolicyRecord = Omit<SlaPolicySnapshot, 'name'>;

const toRecord = (entry: SlaPolicyEntry): SlaPolicyRecord => ({
  policyId: entry._id,
  priority: entry.priority,
  categoryId: entry.categoryId ?? null,
  teamId: entry.teamId ?? null,
  firstResponseSeconds: entry.firstResponseSeconds,
  resolutionSeconds: entry.resolutionSeconds,
  escalation: entry.escalation ?? { action: 'none' },
});

/** Chat's copies of the SLA policies of the tenant in context. */
@Injectable()
export class SlaPoliciesRepository {
  constructor(@InjectModel(SlaPolicyEntry.name) private readonly policies: Model<SlaPolicyEntry>) {}

  async apply(
    snapshot: SlaPolicySnapshot | { policyId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    const { policyId, ...fields } = snapshot;
    await applyIfNewer(
      this.policies,
      policyId,
      'deleted' in fields ? { deleted: true } : { ...fields, deleted: false },
      at,
    );
  }

  /** The policies in force. */
  async list(): Promise<SlaPolicyRecord[]> {
    return (await this.policies.find({ deleted: false }).lean()).map(toRecord);
  }

  /** A policy even once deleted (a breached room still escalates by its rule); null if unknown. */
  async find(id: string): Promise<SlaPolicyRecord | null> {
    const entry = await findOwnById(this.policies, id);
    return entry && toRecord(entry);
  }
}
