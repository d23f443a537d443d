import {
  type EventDefinition,
  SLA_LIMITS,
  SlaPolicyCreatedV1,
  SlaPolicyDeletedV1,
  SlaPolicyUpdatedV1,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { CategoriesService } from '../categories/categories.service';
import { TeamsService } from '../teams/teams.service';
import { UsersRepository } from '../users/users.repository';
import {
  type SlaPolicyFields,
  type SlaPolicyRecord,
  SlaPoliciesRepository,
} from './sla-policies.repository';
import { slaPolicyErrors } from './sla-policy-errors';

/**
 * The tenant's SLA policies; each change announced to chat, which gives every new room the
 * deadlines of the policy that matches it best.
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly policies: SlaPoliciesRepository,
    private readonly categories: CategoriesService,
    private readonly teams: TeamsService,
    private readonly users: UsersRepository,
    private readonly events: EventPublisher,
  ) {}

  list(): Promise<SlaPolicyRecord[]> {
    return this.policies.list();
  }

  async create(fields: SlaPolicyFields): Promise<SlaPolicyRecord> {
    if ((await this.policies.count()) >= SLA_LIMITS.policiesPerTenant)
      throw slaPolicyErrors.tooMany(SLA_LIMITS.policiesPerTenant);
    await this.check(fields);
    const created = await this.policies.create(fields);
    if (created === 'scope_taken') throw slaPolicyErrors.scopeTaken();
    await this.announce(SlaPolicyCreatedV1, created);
    return created;
  }

  async update(id: string, changes: Partial<SlaPolicyFields>): Promise<SlaPolicyRecord> {
    const current = await this.policies.findById(id);
    if (!current) throw slaPolicyErrors.notFound();
    const { id: _id, createdAt: _created, updatedAt: _updated, ...kept } = current;
    const fields: SlaPolicyFields = { ...kept, ...changes };
    await this.check(fields);
    const updated = await this.policies.replace(id, fields);
    if (updated === 'scope_taken') throw slaPolicyErrors.scopeTaken();
    if (!updated) throw slaPolicyErrors.notFound();
    await this.announce(SlaPolicyUpdatedV1, updated);
    return updated;
  }

  /** Rooms keep the deadlines they were given. */
  async delete(id: string): Promise<void> {
    if (!(await this.policies.delete(id))) throw slaPolicyErrors.notFound();
    await this.events.publish(SlaPolicyDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { policyId: id },
    });
  }

  /** 400 naming the field: targets out of order, or an id that is no category, team or agent. */
  private async check(fields: SlaPolicyFields): Promise<void> {
    if (fields.resolutionSeconds < fields.firstResponseSeconds)
      throw slaPolicyErrors.invalid(
        'resolutionSeconds: the resolution target must be at least the first response target',
      );
    if (fields.categoryId && (await this.categories.unknown([fields.categoryId])).length > 0)
      throw slaPolicyErrors.invalid(`categoryId: ${fields.categoryId} is no category`);
    if (fields.teamId && !(await this.teams.list()).some((team) => team.id === fields.teamId))
      throw slaPolicyErrors.invalid(`teamId: ${fields.teamId} is no team`);
    if (fields.escalation.action === 'reassign') {
      const agent = await this.users.findById(fields.escalation.agentId);
      if (agent?.status !== 'active')
        throw slaPolicyErrors.invalid(
          `escalation.agentId: ${fields.escalation.agentId} is no active agent`,
        );
    }
  }

  private async announce(definition: EventDefinition, policy: SlaPolicyRecord): Promise<void> {
    await this.events.publish(definition, {
      tenantId: TenantContext.current(),
      payload: {
        policyId: policy.id,
        name: policy.name,
        priority: policy.priority,
        categoryId: policy.categoryId,
        teamId: policy.teamId,
        firstResponseSeconds: policy.firstResponseSeconds,
        resolutionSeconds: policy.resolutionSeconds,
        escalation: policy.escalation,
      },
    });
  }
}
