import { roomChanges } from './room-changes';
import { type RoomRecord } from './room-record';

const NOW = new Date('2026-12-04T10:00:00Z');
const ada = { id: 'agent-ada', name: 'Ada' };
const bob = { id: 'agent-bob', name: 'Bob' };

function room(overrides: Partial<RoomRecord> = {}): RoomRecord {
  return {
    id: 'room-1',
    tenantId: 'tenant-a',
    displayId: 1,
    chatbotId: 'bot-1',
    visitor: {
      id: 'visitor-1',
      name: 'Vera',
      email: 'vera@example.test',
      ip: '10.0.0.1',
      browser: {},
    },
    answers: {},
    status: 'queued',
    agentId: null,
    agentName: null,
    category: null,
    priority: 'normal',
    priorityRank: 1,
    teamId: null,
    labels: [],
    journey: null,
    queuedAt: new Date('2026-12-04T09:59:00Z'),
    assignedAt: null,
    previousAgentId: null,
    version: 0,
    awayUntil: null,
    awayNotified: false,
    closeReason: null,
    closedAt: null,
    createdAt: new Date('2026-12-04T09:59:00Z'),
    updatedAt: new Date('2026-12-04T09:59:00Z'),
    ...overrides,
  };
}

const active = (agent = ada) =>
  room({ status: 'active', agentId: agent.id, agentName: agent.name, assignedAt: NOW });

describe('the rules of a room’s life', () => {
  describe('claim', () => {
    it('gives a waiting room to the agent who claims it', () => {
      expect(roomChanges.claim(room(), ada, NOW)).toEqual({
        status: 'active',
        agentId: 'agent-ada',
        agentName: 'Ada',
        assignedAt: NOW,
      });
    });

    it('refuses a room another agent already has, or one that is closed', () => {
      expect(roomChanges.claim(active(bob), ada, NOW)).toBeNull();
      expect(roomChanges.claim(room({ status: 'closed' }), ada, NOW)).toBeNull();
    });
  });

  describe('transfer', () => {
    it('moves an active room from its agent to another', () => {
      expect(roomChanges.transfer(active(ada), ada.id, bob, NOW)).toEqual({
        agentId: 'agent-bob',
        agentName: 'Bob',
        assignedAt: NOW,
      });
    });

    it('lets no one but the room’s own agent transfer it, and never a waiting room', () => {
      expect(roomChanges.transfer(active(bob), ada.id, ada, NOW)).toBeNull();
      expect(roomChanges.transfer(room(), ada.id, bob, NOW)).toBeNull();
    });
  });

  describe('requeue', () => {
    it('puts a room its agent leaves back in the queue, waiting from now', () => {
      expect(roomChanges.requeue(active(ada), ada.id, NOW)).toEqual({
        status: 'queued',
        agentId: null,
        agentName: null,
        assignedAt: null,
        queuedAt: NOW,
      });
    });

    it('does not let an agent leave a room that is not theirs', () => {
      expect(roomChanges.requeue(active(bob), ada.id, NOW)).toBeNull();
    });
  });

  describe('transfer to a team', () => {
    it('puts its agent’s room in the team’s queue, waiting from now, remembering the agent', () => {
      expect(roomChanges.transferToTeam(active(ada), ada.id, 'billing', NOW)).toEqual({
        status: 'queued',
        agentId: null,
        agentName: null,
        assignedAt: null,
        queuedAt: NOW,
        teamId: 'billing',
        previousAgentId: 'agent-ada',
      });
    });

    it('lets no one but the room’s agent do it', () => {
      expect(roomChanges.transferToTeam(active(bob), ada.id, 'billing', NOW)).toBeNull();
      expect(roomChanges.transferToTeam(room(), ada.id, 'billing', NOW)).toBeNull();
    });
  });

  describe('a supervisor’s moves', () => {
    it('returns a taken room to a queue from now, and moves a waiting one keeping its place', () => {
      expect(roomChanges.toQueue(active(ada), null, NOW)).toMatchObject({
        status: 'queued',
        agentId: null,
        queuedAt: NOW,
        teamId: null,
      });
      const waiting = room({ teamId: 'billing' });
      expect(roomChanges.toQueue(waiting, 'repairs', NOW)).toMatchObject({
        queuedAt: waiting.queuedAt,
        teamId: 'repairs',
      });
      expect(roomChanges.toQueue(room({ status: 'closed' }), null, NOW)).toBeNull();
    });

    it('gives any open room to another agent, not to the one who has it, never a closed one', () => {
      expect(roomChanges.reassign(active(ada), bob, NOW)).toEqual({
        status: 'active',
        agentId: 'agent-bob',
        agentName: 'Bob',
        assignedAt: NOW,
      });
      expect(roomChanges.reassign(room(), bob, NOW)).toMatchObject({ agentId: 'agent-bob' });
      expect(roomChanges.reassign(active(bob), bob, NOW)).toBeNull();
      expect(roomChanges.reassign(room({ status: 'closed' }), bob, NOW)).toBeNull();
    });

    it('labels an open room only', () => {
      expect(roomChanges.label(active(ada), { priority: 'urgent', priorityRank: 3 })).toEqual({
        priority: 'urgent',
        priorityRank: 3,
      });
      expect(roomChanges.label(room({ status: 'closed' }), { priority: 'low' })).toBeNull();
    });
  });

  describe('close', () => {
    it('closes an open room with its reason and ends any standby', () => {
      const away = active(ada);
      away.awayUntil = new Date('2026-12-04T10:10:00Z');
      expect(roomChanges.close(away, 'resolved', NOW)).toEqual({
        status: 'closed',
        closeReason: 'resolved',
        closedAt: NOW,
        awayUntil: null,
      });
    });

    it('closes a room once: a second close changes nothing', () => {
      expect(roomChanges.close(room({ status: 'closed' }), 'abandoned', NOW)).toBeNull();
    });
  });

  describe('the standby', () => {
    const until = new Date('2026-12-04T10:10:00Z');

    it('starts when the visitor leaves an open room, and not twice', () => {
      expect(roomChanges.away(active(ada), until)).toEqual({
        awayUntil: until,
        awayNotified: false,
      });
      expect(roomChanges.away(room({ awayUntil: until }), until)).toBeNull();
      expect(roomChanges.away(room({ status: 'closed' }), until)).toBeNull();
    });

    it('ends when the visitor comes back, only if it had started', () => {
      expect(roomChanges.back(room({ awayUntil: until, awayNotified: true }))).toEqual({
        awayUntil: null,
        awayNotified: false,
      });
      expect(roomChanges.back(room())).toBeNull();
    });

    it('lets the away visitor be emailed once per absence', () => {
      expect(roomChanges.awayEmailed(room({ awayUntil: until }))).toEqual({ awayNotified: true });
      expect(roomChanges.awayEmailed(room({ awayUntil: until, awayNotified: true }))).toBeNull();
      expect(roomChanges.awayEmailed(room())).toBeNull();
    });
  });

  describe('labels', () => {
    it('puts a label on a room once, open or closed', () => {
      expect(roomChanges.addLabel(room(), 'vip')).toEqual({ labels: ['vip'] });
      expect(roomChanges.addLabel(room({ labels: ['bug'], status: 'closed' }), 'vip')).toEqual({
        labels: ['bug', 'vip'],
      });
      expect(roomChanges.addLabel(room({ labels: ['vip'] }), 'vip')).toBeNull();
    });

    it('takes off only a label the room wears', () => {
      expect(roomChanges.removeLabel(room({ labels: ['bug', 'vip'] }), 'bug')).toEqual({
        labels: ['vip'],
      });
      expect(roomChanges.removeLabel(room({ labels: ['vip'] }), 'bug')).toBeNull();
    });
  });
});
