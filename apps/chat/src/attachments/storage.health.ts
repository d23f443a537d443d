import { type NonCriticalHealthCheck } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { ObjectStore } from './object-store';

/** The object store in chat's `/health`: down means no files, not no chat (never a 503). */
@Injectable()
export class StorageHealth implements NonCriticalHealthCheck {
  readonly name = 'storage';

  constructor(private readonly store: ObjectStore) {}

  async check(): Promise<Record<string, unknown>> {
    await this.store.ping();
    return {};
  }
}
