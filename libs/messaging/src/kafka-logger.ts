import { Logger } from '@nestjs/common';
import { KafkaLogger } from '@nestjs/microservices';
import { type LogEntry, type logCreator, logLevel } from 'kafkajs';

/**
 * A broker's error answer to one request ("The group coordinator is not available" while Kafka
 * starts, "The group is rebalancing" when a replica joins) is logged by kafkajs' connection as
 * an ERROR, though the client retries the request and logs a failure of its own if it gives up.
 */
const isRetriedAnswer = ({ namespace, level, log }: LogEntry): boolean =>
  namespace === 'Connection' && level === logLevel.ERROR && log.message.startsWith('Response ');

/**
 * kafkajs' log through Nest's logger, with the broker answers kafkajs retries logged as debug:
 * an ERROR in a service's log then means something failed, not that Kafka was starting.
 */
export function kafkaLogCreator(role: string): logCreator {
  return () => {
    const log = KafkaLogger(new Logger(`kafka:${role}`));
    return (entry) =>
      log(isRetriedAnswer(entry) ? { ...entry, level: logLevel.DEBUG, label: 'DEBUG' } : entry);
  };
}
