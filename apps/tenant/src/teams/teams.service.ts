import { type EventDefinition, TeamCreatedV1, TeamDeletedV1, TeamUpdatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { TenantContext } from '@app/tenancy';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CategoriesService } from '../categories/categories.service';
import { routingErrors } from '../categories/routing-errors';
import { UsersRepository } from '../users/users.repository';
import { type TeamFields, type TeamRecord, TeamsRepository } from './teams.repository';

export const MAX_TEAMS = 100;

/** The tenant's teams; each change announced to chat, which routes and shows queues by them. */
@Injectable()
export class TeamsService implements OnModuleInit {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly categories: CategoriesService,
    private readonly users: UsersRepository,
    private readonly events: EventPublisher,
  ) {}

  onModuleInit(): void {
    this.categories.onDeleted((categoryId) => this.forgetCategory(categoryId));
  }

  list(): Promise<TeamRecord[]> {
    return this.teams.list();
  }

  async create(fields: TeamFields): Promise<TeamRecord> {
    if ((await this.teams.count()) >= MAX_TEAMS) throw routingErrors.tooMany('teams', MAX_TEAMS);
    await this.check(fields);
    const created = await this.teams.create(fields);
    if (created === 'name_taken') throw routingErrors.nameTaken('team');
    await this.announce(TeamCreatedV1, created);
    return created;
  }

  async update(id: string, changes: Partial<TeamFields>): Promise<TeamRecord> {
    if (!(await this.teams.findById(id))) throw routingErrors.teamNotFound();
    await this.check(changes);
    const updated = await this.teams.update(id, changes);
    if (updated === 'name_taken') throw routingErrors.nameTaken('team');
    if (!updated) throw routingErrors.teamNotFound();
    await this.announce(TeamUpdatedV1, updated);
    return updated;
  }

  /** Chat returns the team's rooms to the tenant's queue. */
  async delete(id: string): Promise<void> {
    if (!(await this.teams.delete(id))) throw routingErrors.teamNotFound();
    await this.events.publish(TeamDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { teamId: id },
    });
  }

  /** 400 naming the field and the first id that is no active agent, or no category. */
  private async check(fields: Partial<TeamFields>): Promise<void> {
    for (const [index, memberId] of (fields.memberIds ?? []).entries()) {
      const user = await this.users.findById(memberId);
      if (user?.status !== 'active')
        throw routingErrors.invalid(`memberIds.${index}: ${memberId} is no active agent`);
    }
    const unknown = await this.categories.unknown(fields.categoryIds ?? []);
    if (unknown.length > 0) {
      const index = fields.categoryIds!.indexOf(unknown[0]);
      throw routingErrors.invalid(`categoryIds.${index}: ${unknown[0]} is no category`);
    }
  }

  private async forgetCategory(categoryId: string): Promise<void> {
    for (const team of await this.teams.list()) {
      if (!team.categoryIds.includes(categoryId)) continue;
      const categoryIds = team.categoryIds.filter((id) => id !== categoryId);
      const updated = await this.teams.update(team.id, { categoryIds });
      if (updated && updated !== 'name_taken') await this.announce(TeamUpdatedV1, updated);
    }
  }

  private async announce(definition: EventDefinition, team: TeamRecord): Promise<void> {
    await this.events.publish(definition, {
      tenantId: TenantContext.current(),
      payload: {
        teamId: team.id,
        name: team.name,
        memberIds: team.memberIds,
        categoryIds: team.categoryIds,
        businessHours: team.businessHours,
        createdAt: team.createdAt.toISOString(),
      },
    });
  }
}
