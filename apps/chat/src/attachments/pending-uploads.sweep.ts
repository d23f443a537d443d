import { PeriodicTask } from '@app/scheduling';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AttachmentsRepository } from './attachments.repository';
import { ObjectStore } from './object-store';

const SWEEP_EVERY_MS = 60_000;
const BATCH = 100;

/**
 * Deletes uploads that waited for a conversation past their expiry (a journey abandoned after
 * its image question): their objects first, then their records. Every replica sweeps; two
 * deleting the same file both succeed.
 */
@Injectable()
export class PendingUploadsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingUploadsSweep.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly store: ObjectStore,
  ) {
    this.task = new PeriodicTask(
      'pending uploads sweep',
      SWEEP_EVERY_MS,
      () => this.sweep(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One batch; true when there may be more. A store that is down leaves them for next time. */
  async sweep(now = new Date()): Promise<boolean> {
    const expired = await this.repository.expiredPending(now, BATCH);
    if (!expired.length) return false;
    await this.store.deleteMany(
      expired.flatMap((attachment) =>
        attachment.thumbnailKey
          ? [attachment.objectKey, attachment.thumbnailKey]
          : [attachment.objectKey],
      ),
    );
    await this.repository.deleteSwept(expired.map((attachment) => attachment._id));
    return expired.length === BATCH;
  }
}
