import { type OfflineWhen } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { AgentPresence } from '../agents/agent-presence.service';
import { DirectoryRepository } from '../directory/directory.repository';
import { withinBusinessHours, withinWeeklyHours } from './weekly-schedule';

export type OfflineReason = 'outside-hours' | 'no-agent-available';

export type Availability =
  { availability: 'online' } | { availability: 'offline'; offlineReason: OfflineReason };

/**
 * Whether a chatbot takes live chats now, by its `offlineWhen` rule: outside the tenant's
 * business hours (holidays included), with no agent available and on shift, both, or never.
 */
@Injectable()
export class ChatbotAvailability {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly presence: AgentPresence,
  ) {}

  async now(
    tenantId: string,
    chatbot: { offlineWhen?: OfflineWhen },
    at = new Date(),
  ): Promise<Availability> {
    const rule = chatbot.offlineWhen ?? 'outside-hours';
    if (rule === 'never') return { availability: 'online' };
    const tenant = await this.directory.findTenant(tenantId);
    const timeZone = tenant?.timeZone ?? 'UTC';
    if (
      (rule === 'outside-hours' || rule === 'both') &&
      !withinBusinessHours(tenant?.businessHours ?? null, timeZone, at)
    )
      return { availability: 'offline', offlineReason: 'outside-hours' };
    if (
      (rule === 'no-agent-available' || rule === 'both') &&
      !(await this.someAgentOnShift(tenantId, timeZone, at))
    )
      return { availability: 'offline', offlineReason: 'no-agent-available' };
    return { availability: 'online' };
  }

  private async someAgentOnShift(tenantId: string, timeZone: string, at: Date): Promise<boolean> {
    for (const agent of await this.presence.available(tenantId)) {
      const entry = await this.directory.findAgent(agent.id);
      if (!entry || withinWeeklyHours(entry.shifts, timeZone, at)) return true;
    }
    return false;
  }
}
