import { deadLetterTopic } from '@app/contracts';
import { type Message, type Producer } from 'kafkajs';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: Pick<Message, 'key' | 'value' | 'headers'> & { offset: string };
  reason: 'invalid' | 'handler-failed';
  detail: string;
  /** `<service>:<handler>`: who gave up on it. */
  consumer: string;
}

/** Parks a message on `<topic>.dlq` with why, where it came from and when, so the partition moves on. */
export async function sendToDeadLetterTopic(producer: Producer, letter: DeadLetter): Promise<void> {
  const { message } = letter;
  const value = message.value as unknown;
  await producer.send({
    topic: deadLetterTopic(letter.topic),
    acks: -1,
    messages: [
      {
        key: message.key ?? null,
        value: Buffer.isBuffer(value) || typeof value === 'string' ? value : JSON.stringify(value),
        headers: {
          ...(message.headers ?? {}),
          'dlq-reason': letter.reason,
          'dlq-detail': letter.detail.slice(0, 1000),
          'dlq-consumer': letter.consumer,
          'dlq-original-topic': letter.topic,
          'dlq-original-partition': String(letter.partition),
          'dlq-original-offset': message.offset,
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ],
  });
}

/** One line per problem, naming the field: what a dead letter's `dlq-detail` says. */
export function describeIssues(issues: Array<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}
