/**
 * The rows a long-lived workspace holds, written straight to the services' databases as the
 * services write them: conversations (a few waiting, offline or taken, the rest closed),
 * notification log entries and review invitations, spread over the last 90 days; the rooms
 * still open are of the last two hours, and chat's Redis knows their seqs, as it knows a live
 * room's.
 */
import type Redis from 'ioredis';
import { type Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../../apps/chat/src/redis-keys';
import { type Workspace } from '../workspace';

const DAY_MS = 86_400_000;
const BATCH = 2000;
/** How long chat keeps a room's seqs in Redis after its last message (MessageSeqAllocator). */
const SEQ_KEEP_MS = DAY_MS;

/** One row in this many of a kind is waiting, offline or taken: the rest are closed. */
const OPEN_SHARE = 200;
/** One taken room in this many is the admin's (the one asking for its own). */
const ADMINS_SHARE = 10;

export interface Databases {
  chat: Db;
  email: Db;
  integrations: Db;
}

export async function seedWorkspace(
  databases: Databases,
  redis: Redis,
  workspace: Workspace,
  rows: number,
): Promise<void> {
  const now = Date.now();
  // Milliseconds apart, newest last, so that every row has its own time.
  const times = Array.from(
    { length: rows },
    (_, index) => new Date(now - 90 * DAY_MS + Math.floor((index * 90 * DAY_MS) / rows)),
  );
  const rooms: Array<Record<string, unknown>> = [];
  await insertAll(databases.chat, 'rooms', times, (at, index) => {
    const made = room(workspace, at, index);
    if (made.status !== 'closed') rooms.push(made);
    return made;
  });
  const pipeline = redis.pipeline();
  for (const { _id } of rooms) {
    const key = redisKeys.messageSeqs(workspace.tenantId, _id as string);
    pipeline.hsetnx(key, 'seq', 0).pexpire(key, SEQ_KEEP_MS);
  }
  await pipeline.exec();
  await insertAll(databases.email, 'notifications', times, (at, index) =>
    notification(workspace, at, index),
  );
  await insertAll(databases.integrations, 'review_invitations', times, (at, index) =>
    invitation(workspace, at, index),
  );
}

async function insertAll(
  db: Db,
  collection: string,
  times: Date[],
  make: (at: Date, index: number) => Record<string, unknown>,
): Promise<void> {
  for (let from = 0; from < times.length; from += BATCH) {
    const documents = times.slice(from, from + BATCH).map((at, offset) => make(at, from + offset));
    await db.collection(collection).insertMany(documents as never[], { ordered: false });
  }
}

function room(workspace: Workspace, closedAt: Date, index: number): Record<string, unknown> {
  const kind = index % OPEN_SHARE;
  const status = kind === 1 ? 'queued' : kind === 2 ? 'offline' : kind === 3 ? 'active' : 'closed';
  const at = status === 'closed' ? closedAt : new Date(Date.now() - (index % 7200) * 1000);
  const agentId =
    status !== 'active'
      ? null
      : Math.floor(index / OPEN_SHARE) % ADMINS_SHARE === 0
        ? workspace.adminId
        : `bench-agent-${index % 7}`;
  const priorityRank = index % 4;
  return {
    _id: randomUUID(),
    tenantId: workspace.tenantId,
    displayId: index + 1,
    chatbotId: 'bench-chatbot',
    visitor: {
      id: randomUUID(),
      name: `Visitor ${index}`,
      email: `visitor-${index}@example.test`,
      ip: '203.0.113.7',
      browser: { name: 'Firefox', os: 'Linux' },
    },
    answers: {},
    status,
    agentId,
    agentName: agentId ? 'Ada Admin' : null,
    category: null,
    priority: ['low', 'normal', 'high', 'urgent'][priorityRank],
    priorityRank,
    teamId: null,
    journey: null,
    queuedAt: at,
    assignedAt: status === 'active' ? at : null,
    previousAgentId: null,
    version: 1,
    awayUntil: null,
    awayNotified: false,
    closeReason: status === 'closed' ? 'resolved' : null,
    closedAt: status === 'closed' ? at : null,
    createdAt: at,
    updatedAt: at,
  };
}

function notification(workspace: Workspace, at: Date, index: number): Record<string, unknown> {
  const id = randomUUID();
  const recipient = `visitor-${index}@example.test`;
  const request = {
    notificationId: id,
    kind: 'agent-reply',
    to: { email: recipient, name: `Visitor ${index}` },
    agentName: 'Ada Admin',
    reply: 'Thanks, that is fixed now.',
  };
  return {
    _id: id,
    tenantId: workspace.tenantId,
    kind: 'agent-reply',
    recipient,
    state: index % 50 === 0 ? 'dead' : 'sent',
    attempts: 1,
    retriedAfter: 0,
    lastError: index % 50 === 0 ? '550 mailbox unavailable' : null,
    nextAttemptAt: null,
    lastAttemptAt: at,
    sentAt: index % 50 === 0 ? null : at,
    smtpResponse: index % 50 === 0 ? null : '250 OK',
    messageId: `<${id}@bench.example>`,
    request,
    event: JSON.stringify({ id: randomUUID(), payload: request }),
    createdAt: at,
    updatedAt: at,
  };
}

function invitation(workspace: Workspace, at: Date, index: number): Record<string, unknown> {
  return {
    _id: randomUUID(),
    tenantId: workspace.tenantId,
    conversationId: randomUUID(),
    source: 'parley',
    status: index % 10 === 0 ? 'skipped' : 'sent',
    skipReason: index % 10 === 0 ? 'no_email' : null,
    consumer: { email: `visitor-${index}@example.test`, name: `Visitor ${index}` },
    recipient: `visitor-${index}@example.test`,
    rating: null,
    ratingDeadline: null,
    attempts: 1,
    failures: 0,
    nextAttemptAt: null,
    attemptStartedAt: null,
    lastError: null,
    sentAt: at,
    settledAt: at,
    createdAt: at,
    updatedAt: at,
  };
}
