import { InjectConfig } from '@app/config';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Readable } from 'node:stream';
import { type ChatConfig } from '../chat.config';
import { attachmentErrors } from './attachment-errors';

/** S3's DeleteObjects takes at most this many keys a call. */
const DELETE_BATCH = 1000;

export interface StoredObject {
  body: Readable;
  contentLength?: number;
}

/**
 * The one place that talks to the object store (the S3 API: AWS, or SeaweedFS locally). Every
 * call that fails for want of the store becomes 503 `storage_unavailable`, so chat goes on
 * without files while it is away.
 */
@Injectable()
export class ObjectStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ObjectStore.name);
  private readonly client: S3Client;
  private readonly bucket: string;
  private bucketReady = false;

  constructor(@InjectConfig() config: ChatConfig) {
    this.bucket = config.S3_BUCKET;
    this.client = new S3Client({
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: {
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      },
      // A store that is down must fail an upload quickly, not hold the visitor for a minute.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 30_000 },
    });
  }

  /** Creates the bucket when it is missing; a store that is down now is retried on first use. */
  async onModuleInit(): Promise<void> {
    try {
      await this.ensureBucket();
    } catch (error) {
      this.logger.warn(`object store not reachable at start: ${describe(error)}`);
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.call(async () => {
      await this.ensureBucket();
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
        }),
      );
    });
  }

  /** The object's bytes as a stream; null when there is no such object. */
  async get(key: string): Promise<StoredObject | null> {
    return this.call(async () => {
      try {
        const answer = await this.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: key }),
        );
        return { body: answer.Body as Readable, contentLength: answer.ContentLength };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  /** Whether the object exists, with its size. */
  async head(key: string): Promise<{ size: number } | null> {
    return this.call(async () => {
      try {
        const answer = await this.client.send(
          new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
        );
        return { size: answer.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    await this.call(() =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  /** Deletes the keys in batches; keys that are already gone are no error. */
  async deleteMany(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      await this.call(async () => {
        const answer = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = answer.Errors?.filter((entry) => entry.Code !== 'NoSuchKey') ?? [];
        if (failed.length)
          throw new Error(`could not delete ${failed.length} object(s): ${failed[0].Code}`);
      });
    }
  }

  /** For the health check: whether the bucket answers. */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  private async ensureBucket(): Promise<void> {
    if (this.bucketReady) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      } catch (createError) {
        // Another replica made it meanwhile.
        const name = (createError as { name?: string }).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw createError;
      }
    }
    this.bucketReady = true;
  }

  /** Runs a store call; a store that cannot answer becomes 503 `storage_unavailable`. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn(`object store call failed: ${describe(error)}`);
      throw attachmentErrors.storageUnavailable();
    }
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return true;
  const name = (error as { name?: string }).name;
  return name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchBucket';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
