import { InjectConfig } from '@app/config';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { InvitationDispatcher } from './invitation-dispatcher.service';
import { ReviewConversationFactsRepository } from './review-conversation-facts.repository';
import { ReviewInvitationsRepository } from './review-invitations.repository';
import { ReviewInvitationsService } from './review-invitations.service';

const SWEEP_BATCH = 100;
const PURGE_EVERY_MS = 60_000;

/**
 * Every TRUSTPILOT_SWEEP_MS, on every replica: hands the invitations whose attempt is due (retries,
 * and any a restart left behind) to the dispatcher, whose lock lets one replica attempt each;
 * settles those that waited for a rating past their deadline; now and then deletes visitor data
 * kept past its time. No retry lives only in a process's memory: its due time is in the database.
 */
@Injectable()
export class InvitationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InvitationSweeper.name);
  private readonly task: PeriodicTask;
  private lastPurge = 0;

  constructor(
    @InjectConfig() config: IntegrationsConfig,
    private readonly invitations: ReviewInvitationsRepository,
    private readonly facts: ReviewConversationFactsRepository,
    private readonly service: ReviewInvitationsService,
    private readonly dispatcher: InvitationDispatcher,
  ) {
    this.task = new PeriodicTask('review-invitation-sweep', config.TRUSTPILOT_SWEEP_MS, () =>
      this.sweep(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start({ immediately: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
  }

  private async sweep(): Promise<void> {
    const now = new Date();
    for (const { _id, tenantId } of await this.invitations.due(now, SWEEP_BATCH))
      this.dispatcher.dispatch(tenantId, _id);
    for (const { _id, tenantId } of await this.invitations.ratingsOverdue(now, SWEEP_BATCH))
      await forTenant(tenantId, 'a review invitation waited for a rating in vain', () =>
        this.service.reconsider(_id),
      ).catch((error: Error) =>
        this.logger.warn(`invitation ${_id} could not be settled: ${error.message}`),
      );
    if (now.getTime() - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await this.facts.purgeExpired(now);
    }
  }
}
