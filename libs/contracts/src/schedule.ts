import { z } from 'zod';

/**
 * Weekly hours in a tenant's time zone: business hours (tenant, team) and agents' shifts share
 * one shape. A range ends after it starts on the same day (`24:00` ends at midnight); an
 * overnight range is written as two, one each side of midnight, so a day's hours read alone.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

export const weeklyRangeSchema = z
  .strictObject({ day: weekdaySchema, start: clockTime, end: clockTime })
  .refine((range) => range.start < range.end, {
    message: 'end must be after start on the same day (split an overnight range at 24:00)',
    path: ['end'],
  });
export type WeeklyRange = z.infer<typeof weeklyRangeSchema>;

export const weeklyHoursSchema = z.array(weeklyRangeSchema).max(70);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** An IANA time zone name (`Europe/Paris`, `UTC`), as the runtime's time-zone database knows it. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Paris');

function isTimeZone(name: string): boolean {
  // Offsets such as "+01:00" are refused: they carry no daylight-saving rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * When people answer chats. `weekly` empty means open around the clock (holidays still close);
 * `holidays` are whole local days, `YYYY-MM-DD`.
 */
export const businessHoursSchema = z.strictObject({
  weekly: weeklyHoursSchema,
  holidays: z.array(z.iso.date()).max(366).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/**
 * A team's own business hours, in its own time zone or (null) the tenant's. A team without them
 * keeps the tenant's hours.
 */
export const teamHoursSchema = businessHoursSchema.extend({
  timeZone: timeZoneSchema.nullable().default(null),
});
export type TeamHours = z.infer<typeof teamHoursSchema>;

/** When a chatbot offers an offline message instead of a live chat. */
export const offlineWhenSchema = z.enum(['outside-hours', 'no-agent-available', 'both', 'never']);
export type OfflineWhen = z.infer<typeof offlineWhenSchema>;
