import { countQueue } from './queue-tally';
import { type QueueGroup } from './rooms.repository';

const groups: QueueGroup[] = [
  { chatbotId: 'bot-a', category: null, teamId: null, rank: 1, count: 3 },
  { chatbotId: 'bot-a', category: 'billing', teamId: 'team-1', rank: 3, count: 2 },
  { chatbotId: 'bot-b', category: 'billing', teamId: 'team-2', rank: 0, count: 1 },
];

describe('countQueue', () => {
  it('counts every group for a supervisor, by chatbot, category, team and priority', () => {
    expect(countQueue(groups, { supervisor: true }, {})).toEqual({
      total: 6,
      byChatbot: { 'bot-a': 5, 'bot-b': 1 },
      byCategory: { none: 3, billing: 3 },
      byTeam: { none: 3, 'team-1': 2, 'team-2': 1 },
      byPriority: { normal: 3, urgent: 2, low: 1 },
    });
  });

  it("counts for a member only the rooms of no team and of the member's teams", () => {
    const counts = countQueue(groups, { supervisor: false, teamIds: ['team-2'] }, {});
    expect(counts).toMatchObject({ total: 4, byTeam: { none: 3, 'team-2': 1 } });
  });

  it('narrows by team, category and chatbot, `none` meaning none given', () => {
    const supervisor = { supervisor: true } as const;
    expect(countQueue(groups, supervisor, { teamId: 'none' }).total).toBe(3);
    expect(countQueue(groups, supervisor, { category: 'billing' }).total).toBe(3);
    expect(countQueue(groups, supervisor, { category: 'none', chatbotId: 'bot-a' }).total).toBe(3);
    expect(countQueue(groups, supervisor, { chatbotId: 'bot-b', teamId: 'team-1' }).total).toBe(0);
  });
});
