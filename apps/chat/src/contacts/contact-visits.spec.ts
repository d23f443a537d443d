import {
  firstVisit,
  normalizeEmail,
  recordVisit,
  SIGHTINGS_KEPT,
  type Visit,
} from './contact-visits';

const chrome = { name: 'Chrome', version: '126.0', os: 'Linux', device: 'desktop' };
const firefox = { name: 'Firefox', version: '128.0', os: 'Windows 10', device: 'desktop' };

const visit = (at: string, changes: Partial<Visit> = {}): Visit => ({
  email: 'ana@example.com',
  name: 'Ana',
  ip: '203.0.113.7',
  browser: chrome,
  at: new Date(at),
  ...changes,
});

describe('a contact’s visits', () => {
  it('knows an email whatever its case and spaces', () => {
    expect(normalizeEmail('  Ana.Silva@Example.COM ')).toBe('ana.silva@example.com');
  });

  it('keeps the first and last visit, and the name given last, whatever the order they arrive in', () => {
    const first = visit('2026-12-01T10:00:00Z', { name: 'Ana' });
    const later = visit('2026-12-03T10:00:00Z', { name: 'Ana Silva', ip: '198.51.100.4' });
    const inOrder = recordVisit(firstVisit(first), later);
    const reversed = recordVisit(firstVisit(later), first);
    for (const contact of [inOrder, reversed]) {
      expect(contact.name).toBe('Ana Silva');
      expect(contact.firstSeenAt).toEqual(first.at);
      expect(contact.lastSeenAt).toEqual(later.at);
    }
    expect(reversed).toEqual(inOrder);
  });

  it('changes nothing when a visit is applied twice', () => {
    const once = firstVisit(visit('2026-12-01T10:00:00Z'));
    expect(recordVisit(once, visit('2026-12-01T10:00:00Z'))).toEqual(once);
  });

  it('lists each browser and address once, with when it was last seen, newest first', () => {
    let contact = firstVisit(visit('2026-12-01T10:00:00Z'));
    contact = recordVisit(
      contact,
      visit('2026-12-02T10:00:00Z', { browser: firefox, ip: '198.51.100.4' }),
    );
    contact = recordVisit(contact, visit('2026-12-03T10:00:00Z'));
    expect(contact.browsers).toEqual([
      { ...chrome, lastSeenAt: new Date('2026-12-03T10:00:00Z') },
      { ...firefox, lastSeenAt: new Date('2026-12-02T10:00:00Z') },
    ]);
    expect(contact.addresses).toEqual([
      { ip: '203.0.113.7', lastSeenAt: new Date('2026-12-03T10:00:00Z') },
      { ip: '198.51.100.4', lastSeenAt: new Date('2026-12-02T10:00:00Z') },
    ]);
  });

  it('keeps an agent’s name over the visitor’s', () => {
    const named = {
      ...firstVisit(visit('2026-12-01T10:00:00Z')),
      name: 'Ana (VIP)',
      nameSetBy: { id: 'u1', name: 'Bo' },
    };
    expect(recordVisit(named, visit('2026-12-02T10:00:00Z', { name: 'A.' })).name).toBe(
      'Ana (VIP)',
    );
  });

  it('keeps only the most recently seen addresses', () => {
    let contact = firstVisit(visit('2026-12-01T00:00:00Z', { ip: '10.0.0.0' }));
    for (let n = 1; n <= SIGHTINGS_KEPT + 5; n += 1)
      contact = recordVisit(
        contact,
        visit(new Date(Date.UTC(2026, 11, 1, n)).toISOString(), { ip: `10.0.0.${n}` }),
      );
    expect(contact.addresses).toHaveLength(SIGHTINGS_KEPT);
    expect(contact.addresses[0].ip).toBe(`10.0.0.${SIGHTINGS_KEPT + 5}`);
    expect(contact.addresses.map((a) => a.ip)).not.toContain('10.0.0.0');
  });
});
