import { type BusinessHours } from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DirectoryRepository } from '../directory/directory.repository';
import { TeamsRepository } from '../directory/teams.repository';
import { addBusinessTime } from './business-time';
import { matchingPolicy, type RoomScope } from './policy-match';
import { SlaPoliciesRepository } from './sla-policies.repository';

/** A room's SLA deadlines; all null when no policy applies to it. */
export interface SlaDeadlines {
  slaPolicyId: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

const NO_SLA: SlaDeadlines = { slaPolicyId: null, firstResponseDueAt: null, resolutionDueAt: null };

/**
 * Gives a room the deadlines of the policy that matches it best (see policy-match.ts), counted
 * in business hours: the room's team's own hours when it has some (in the team's time zone, else
 * the tenant's), else the workspace's hours, which every chatbot of the tenant follows; none set:
 * wall-clock time. The same hours decide whether the chatbot is online (ChatbotAvailability).
 */
@Injectable()
export class SlaClock {
  constructor(
    private readonly policies: SlaPoliciesRepository,
    private readonly directory: DirectoryRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async deadlines(room: RoomScope, start: Date): Promise<SlaDeadlines> {
    const policy = matchingPolicy(await this.policies.list(), room);
    if (!policy) return NO_SLA;
    const { hours, timeZone } = await this.hoursOf(room.teamId);
    return {
      slaPolicyId: policy.policyId,
      firstResponseDueAt: addBusinessTime(start, policy.firstResponseSeconds, hours, timeZone),
      resolutionDueAt: addBusinessTime(start, policy.resolutionSeconds, hours, timeZone),
    };
  }

  private async hoursOf(
    teamId: string | null,
  ): Promise<{ hours: BusinessHours | null; timeZone: string }> {
    const tenant = await this.directory.findTenant(TenantContext.current());
    const tenantZone = tenant?.timeZone ?? 'UTC';
    const team = teamId ? await this.teams.findTeam(teamId) : null;
    if (team?.businessHours)
      return {
        hours: team.businessHours,
        timeZone: team.businessHours.timeZone ?? tenantZone,
      };
    return { hours: tenant?.businessHours ?? null, timeZone: tenantZone };
  }
}
