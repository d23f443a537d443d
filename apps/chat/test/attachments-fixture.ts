import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type TestChatbot } from '@app/testing';
import sharp from 'sharp';
import request from 'supertest';
import { type ChatConfig } from '../src/chat.config';
import { SITE } from './chat-fixture';

/** Files to upload, made here so each test says what it sends. */
export const files = {
  png: (width = 640, height = 480) =>
    sharp({ create: { width, height, channels: 3, background: '#16a34a' } })
      .png()
      .toBuffer(),

  /** A JPEG that says where and by whom it was taken (EXIF with a GPS position). */
  jpegWithGps: () =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: '#f59e0b' } })
      .jpeg()
      .withExif({
        IFD0: { Artist: 'Vera Visitor', Copyright: 'Vera' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 24/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 7/1',
        },
      })
      .toBuffer(),

  pdf: () =>
    Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),

  /** A Windows program: `MZ` and a DOS stub. */
  exe: () =>
    Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]),

  html: () => Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>'),
};

/** An upload to a room, as the widget or the dashboard sends it. */
export function uploadToRoom(
  url: string,
  roomId: string,
  token: string,
  file: { body: Buffer; name: string; type: string },
) {
  return request(url)
    .post(`/api/chat/rooms/${roomId}/attachments`)
    .set('Authorization', `Bearer ${token}`)
    .attach('file', file.body, { filename: file.name, contentType: file.type });
}

/** An upload before the conversation (a journey's image question), with the chatbot's key. */
export function uploadPending(
  url: string,
  chatbot: TestChatbot,
  file: { body: Buffer; name: string; type: string },
) {
  return request(url)
    .post('/api/chat/widget/attachments')
    .set('Origin', SITE)
    .field('tenantId', chatbot.tenantId)
    .field('chatbotId', chatbot.id)
    .field('apiKey', chatbot.apiKey)
    .attach('file', file.body, { filename: file.name, contentType: file.type });
}

/** The object store itself, to see what is in it (and what is not) without asking chat. */
export class StoreProbe {
  private readonly client: S3Client;

  constructor(private readonly config: ChatConfig) {
    this.client = new S3Client({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: {
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      },
    });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.S3_BUCKET, Key: key }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  /** Every object key under a prefix (a tenant's files are under `<tenant id>/`). */
  async keys(prefix: string): Promise<string[]> {
    const answer = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.config.S3_BUCKET, Prefix: prefix }),
    );
    return (answer.Contents ?? []).map((object) => object.Key!).sort();
  }

  close(): void {
    this.client.destroy();
  }
}

/** Fetches a download path of chat (`/api/chat/attachments/…`) as bytes. */
export function download(url: string, path: string) {
  return request(url)
    .get(path)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}
