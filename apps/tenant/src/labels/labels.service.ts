import {
  type EventDefinition,
  LABEL_LIMITS,
  LabelCreatedV1,
  LabelDeletedV1,
  LabelUpdatedV1,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { labelErrors } from './label-errors';
import { type LabelFields, type LabelRecord, LabelsRepository } from './labels.repository';

/** The tenant's labels; each change announced to chat, which keeps the ids rooms may wear. */
@Injectable()
export class LabelsService {
  constructor(
    private readonly labels: LabelsRepository,
    private readonly events: EventPublisher,
  ) {}

  list(): Promise<LabelRecord[]> {
    return this.labels.list();
  }

  async create(fields: LabelFields): Promise<LabelRecord> {
    if ((await this.labels.count()) >= LABEL_LIMITS.labelsPerTenant)
      throw labelErrors.tooMany(LABEL_LIMITS.labelsPerTenant);
    const created = await this.labels.create(fields);
    if (created === 'name_taken') throw labelErrors.nameTaken();
    await this.announce(LabelCreatedV1, created);
    return created;
  }

  async update(id: string, changes: Partial<LabelFields>): Promise<LabelRecord> {
    const updated = await this.labels.update(id, changes);
    if (updated === 'name_taken') throw labelErrors.nameTaken();
    if (!updated) throw labelErrors.notFound();
    await this.announce(LabelUpdatedV1, updated);
    return updated;
  }

  /** Chat takes the label off the rooms that wear it. */
  async delete(id: string): Promise<void> {
    if (!(await this.labels.delete(id))) throw labelErrors.notFound();
    await this.events.publish(LabelDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { labelId: id },
    });
  }

  private async announce(definition: EventDefinition, label: LabelRecord): Promise<void> {
    await this.events.publish(definition, {
      tenantId: TenantContext.current(),
      payload: { labelId: label.id, name: label.name, color: label.color },
    });
  }
}
