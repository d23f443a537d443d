import { z } from 'zod';
import { stableUuid } from './stable-id';

describe('stableUuid', () => {
  it('gives the same valid UUID for the same name and another for another name', () => {
    const id = stableUuid('sla:room-1:first_response');
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(stableUuid('sla:room-1:first_response')).toBe(id);
    expect(stableUuid('sla:room-1:resolution')).not.toBe(id);
  });
});
