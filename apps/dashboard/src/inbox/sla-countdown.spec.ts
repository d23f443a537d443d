import { type RoomSla } from '@app/contracts';
import { countdownOf } from './sla-countdown';

const START = Date.parse('2026-12-06T10:00:00Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const sla = (fields: Partial<RoomSla> = {}): RoomSla => ({
  policyId: 'p',
  startedAt: at(0),
  firstResponse: { dueAt: at(100), metAt: null, breachedAt: null },
  resolution: { dueAt: at(1000), metAt: null, breachedAt: null },
  ...fields,
});
const now = (seconds: number) => START + seconds * 1000;

describe('the SLA countdown', () => {
  it('is green over half the time left, yellow below, red below a fifth and once overdue', () => {
    expect(countdownOf(sla(), now(40))).toMatchObject({ status: 'green', text: '1:00' });
    expect(countdownOf(sla(), now(60))).toMatchObject({ status: 'yellow', text: '0:40' });
    expect(countdownOf(sla(), now(81))).toMatchObject({ status: 'red', overdue: false });
    expect(countdownOf(sla(), now(130))).toMatchObject({
      status: 'red',
      overdue: true,
      text: '0:30',
    });
  });

  it('counts down the resolution once the first response was met, and stops when both were', () => {
    const answered = sla({ firstResponse: { dueAt: at(100), metAt: at(50), breachedAt: null } });
    expect(countdownOf(answered, now(60))).toMatchObject({
      target: 'Resolution',
      status: 'green',
      text: '15:40',
    });
    const closed = sla({
      firstResponse: { dueAt: at(100), metAt: at(50), breachedAt: null },
      resolution: { dueAt: at(1000), metAt: at(500), breachedAt: null },
    });
    expect(countdownOf(closed, now(600))).toBeNull();
    expect(countdownOf(null, now(0))).toBeNull();
  });

  it('stays red for a breach even if the deadline moved later', () => {
    const breached = sla({ firstResponse: { dueAt: at(100), metAt: null, breachedAt: at(101) } });
    expect(countdownOf(breached, now(10))).toMatchObject({ status: 'red', overdue: true });
  });
});
