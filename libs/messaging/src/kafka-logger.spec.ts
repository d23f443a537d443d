import { Logger } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logger';

describe('kafka log', () => {
  const written: Array<[string, string]> = [];
  beforeEach(() => {
    written.length = 0;
    for (const method of ['error', 'warn', 'log', 'debug'] as const)
      jest.spyOn(Logger.prototype, method).mockImplementation((...args: unknown[]) => {
        written.push([method, String(args[0])]);
      });
  });
  afterEach(() => jest.restoreAllMocks());

  const log = kafkaLogCreator('consumer')(logLevel.WARN);
  const entry = (namespace: string, level: logLevel, message: string, error?: string) => ({
    namespace,
    level,
    label: logLevel[level],
    log: { timestamp: '2026-11-23T17:43:07.422Z', message, ...(error ? { error } : {}) },
  });

  it('logs a broker answer that kafkajs retries as debug, not as an error', () => {
    log(
      entry(
        'Connection',
        logLevel.ERROR,
        'Response GroupCoordinator(key: 10, version: 2)',
        'The group coordinator is not available',
      ),
    );
    expect(written).toEqual([
      [
        'debug',
        expect.stringMatching(/^DEBUG \[Connection\] Response GroupCoordinator.*not available/),
      ],
    ]);
  });

  it('keeps failures as errors, and warnings as warnings', () => {
    log(entry('Consumer', logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded'));
    log(
      entry('Connection', logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
    );
    log(entry('Runner', logLevel.WARN, 'The group is rebalancing, re-joining'));
    expect(written.map(([method]) => method)).toEqual(['error', 'error', 'warn']);
  });
});
