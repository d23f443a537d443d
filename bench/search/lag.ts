/**
 * The lag from a message sent to it being found by search, at a steady rate: each message
 * carries a word of its own, and one query a tenth of a second asks the tenant's alias for every
 * word not found yet. A message's time starts as it is stored (chat stores, then publishes).
 */
import { MessageSentV1 } from '@app/contracts';
import { type Client } from '@opensearch-project/opensearch';
import { type Db } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { type BenchRoom, type SearchFixture } from './fixture';
import { LatencyRecorder } from './latencies';

const TICK_MS = 100;
const POLL_MS = 100;
/** How long, after the last message, the missing ones are still looked for. */
const GRACE_MS = 120_000;

export async function measureLag(options: {
  engine: Client;
  fixture: SearchFixture;
  db: Db;
  alias: string;
  rooms: BenchRoom[];
  rate: number;
  seconds: number;
}) {
  const { engine, fixture, db, alias, rooms, rate, seconds } = options;
  const pending = new Map<string, { word: string; sentAt: number }>();
  const recorder = new LatencyRecorder();
  let sent = 0;
  let sending = true;
  let sendBehindMs = 0;

  const poll = async () => {
    while (sending || pending.size > 0) {
      const cycle = Date.now();
      const words = [...pending.values()].slice(0, 2000).map((entry) => entry.word);
      if (words.length > 0) {
        const { body } = await engine.search({
          index: alias,
          body: {
            size: words.length,
            _source: ['sourceId'],
            query: { bool: { filter: [{ terms: { body: words } }] } },
          },
        });
        const now = Date.now();
        for (const hit of body.hits.hits) {
          const id = (hit._source as { sourceId: string }).sourceId;
          const entry = pending.get(id);
          if (!entry) continue;
          recorder.add(entry.sentAt, now - entry.sentAt);
          pending.delete(id);
        }
      }
      if (!sending && Date.now() > lastSentAt + GRACE_MS) break;
      await sleep(Math.max(0, POLL_MS - (Date.now() - cycle)));
    }
  };

  let lastSentAt = Date.now();
  const polling = poll();
  const started = Date.now();
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  for (let tick = 0; Date.now() - started < seconds * 1000; tick += 1) {
    const due = started + tick * TICK_MS;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    else sendBehindMs = Math.max(sendBehindMs, -wait);
    const sentAt = Date.now();
    const batch = Array.from({ length: perTick }, (_, index) => {
      const room = rooms[(tick * perTick + index) % rooms.length]!;
      const word = `lag${randomBytes(6).toString('hex')}`;
      const body = `${fixture.vocabulary.body(Math.random)} ${word}`;
      return { word, ...fixture.message(room, body, new Date(sentAt)) };
    });
    await db.collection('messages').insertMany(batch.map((entry) => entry.document) as never[]);
    for (const entry of batch) pending.set(entry.id, { word: entry.word, sentAt });
    await fixture.send(
      MessageSentV1.topic,
      batch.map((entry) => entry.event),
    );
    sent += batch.length;
    lastSentAt = Date.now();
  }
  const sendSeconds = (Date.now() - started) / 1000;
  sending = false;
  await polling;
  return {
    sent,
    sentPerSecond: Math.round(sent / sendSeconds),
    /** How far the sender fell behind its schedule at worst (storing and publishing took longer). */
    sendBehindMs,
    found: sent - pending.size,
    notFoundWithin2Min: pending.size,
    lagMs: recorder.summary(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
