import { type LabelSnapshot } from '@app/contracts';
import { applyIfNewer } from '@app/database';
import { findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { LabelEntry } from './directory.schemas';

/**
 * Which label ids the tenant in context has, from the tenant service's events. Names and colours
 * are the dashboard's business (it reads them from the tenant service): chat only refuses ids
 * that name no label.
 */
@Injectable()
export class LabelsDirectory {
  constructor(@InjectModel(LabelEntry.name) private readonly labels: Model<LabelEntry>) {}

  async apply(
    snapshot: LabelSnapshot | { labelId: string; deleted: true },
    at: Date,
  ): Promise<void> {
    await applyIfNewer(this.labels, snapshot.labelId, { deleted: 'deleted' in snapshot }, at);
  }

  async exists(id: string): Promise<boolean> {
    const entry = await findOwnById(this.labels, id);
    return entry !== null && !entry.deleted;
  }
}
