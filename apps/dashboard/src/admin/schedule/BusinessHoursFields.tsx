import type { BusinessHours, WeeklyRange } from '@app/contracts';
import { TextAreaField, TextField } from '../../ui/fields';
import { normalizedRanges, rangeProblem, WeeklyHoursEditor } from './WeeklyHoursEditor';

/** Business hours as a form holds them: holidays as typed, one date a line. */
export interface HoursDraft {
  weekly: WeeklyRange[];
  holidays: string;
}

export const hoursDraft = (hours: BusinessHours | null | undefined): HoursDraft => ({
  weekly: hours?.weekly ?? [],
  holidays: (hours?.holidays ?? []).join('\n'),
});

/** The hours as the API wants them. */
export const draftHours = (draft: HoursDraft): BusinessHours => ({
  weekly: normalizedRanges(draft.weekly),
  holidays: draft.holidays
    .split(/[\s,]+/)
    .map((day) => day.trim())
    .filter(Boolean),
});

export const draftHoursValid = (draft: HoursDraft): boolean =>
  draft.weekly.every((range) => !rangeProblem(range));

/** The time zones the browser knows, for the field's suggestions. */
const TIME_ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** An IANA time zone, with the browser's zones suggested. */
export function TimeZoneField({
  name,
  value,
  onChange,
  hint,
  required,
}: {
  name: string;
  value: string;
  onChange(zone: string): void;
  hint: string;
  required?: boolean;
}) {
  const listId = `parley-time-zones-${name.replace(/\W/g, '-')}`;
  return (
    <>
      <TextField
        label="Time zone"
        name={name}
        value={value}
        onChange={onChange}
        list={listId}
        hint={hint}
        required={required}
      />
      <datalist id={listId}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

/** Weekly hours and holidays; `name` prefixes the API's field names for its 400 errors. */
export function BusinessHoursFields({
  name,
  value,
  onChange,
}: {
  name: string;
  value: HoursDraft;
  onChange(draft: HoursDraft): void;
}) {
  return (
    <>
      <WeeklyHoursEditor
        legend="Business hours"
        name={`${name}.weekly`}
        value={value.weekly}
        onChange={(weekly) => onChange({ ...value, weekly })}
        emptyText="No hours: open every hour of every day, holidays excepted."
      />
      <TextAreaField
        label="Holidays"
        name={`${name}.holidays`}
        value={value.holidays}
        onChange={(holidays) => onChange({ ...value, holidays })}
        rows={3}
        hint="Closed all day: one date a line, as 2026-12-25."
      />
    </>
  );
}
