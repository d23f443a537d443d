import { type OfflineWhen } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { AgentPresence } from '../agents/agent-presence.service';
import { DirectoryRepository } from '../directory/directory.repository';
import { type TeamRecord, TeamsRepository } from '../directory/teams.repository';
import { withinBusinessHours, withinWeeklyHours } from './weekly-schedule';

export type OfflineReason = 'outside-hours' | 'no-agent-available';

export type Availability =
  | { availability: 'online' }
  | {
      availability: 'offline';
      offlineReason: OfflineReason;
      /** Set when the team's hours or members made it offline, rather than the workspace's. */
      teamId?: string;
    };

/**
 * Whether a chatbot takes live chats now, by its `offlineWhen` rule: outside business hours
 * (holidays included), with no agent available and on shift, both, or never. Asked for a team
 * (the one a visitor's journey routes to), the team's own hours stand in for the tenant's, and
 * only its members and the supervisors count as agents who could answer.
 */
@Injectable()
export class ChatbotAvailability {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly teams: TeamsRepository,
    private readonly presence: AgentPresence,
  ) {}

  async now(
    tenantId: string,
    chatbot: { offlineWhen?: OfflineWhen },
    options: { teamId?: string | null; at?: Date } = {},
  ): Promise<Availability> {
    const rule = chatbot.offlineWhen ?? 'outside-hours';
    if (rule === 'never') return { availability: 'online' };
    const at = options.at ?? new Date();
    const tenant = await this.directory.findTenant(tenantId);
    const team = options.teamId ? await this.teams.findTeam(options.teamId) : null;
    const tenantZone = tenant?.timeZone ?? 'UTC';
    if (rule === 'outside-hours' || rule === 'both') {
      const teamHours = team?.businessHours ?? null;
      const open = teamHours
        ? withinBusinessHours(teamHours, teamHours.timeZone ?? tenantZone, at)
        : withinBusinessHours(tenant?.businessHours ?? null, tenantZone, at);
      if (!open) return offline('outside-hours', teamHours ? team : null);
    }
    if (
      (rule === 'no-agent-available' || rule === 'both') &&
      !(await this.someAgentOnShift(tenantId, tenantZone, at, team))
    )
      return offline('no-agent-available', team);
    return { availability: 'online' };
  }

  /** Shifts are read in the tenant's zone, whatever a team's hours are kept in. */
  private async someAgentOnShift(
    tenantId: string,
    timeZone: string,
    at: Date,
    team: TeamRecord | null,
  ): Promise<boolean> {
    for (const agent of await this.presence.available(tenantId)) {
      const entry = await this.directory.findAgent(agent.id);
      if (
        team &&
        !team.memberIds.includes(agent.id) &&
        !entry?.permissions.includes('chats:supervise')
      )
        continue;
      if (!entry || withinWeeklyHours(entry.shifts, timeZone, at)) return true;
    }
    return false;
  }
}

function offline(offlineReason: OfflineReason, team: TeamRecord | null): Availability {
  return { availability: 'offline', offlineReason, ...(team ? { teamId: team.id } : {}) };
}
