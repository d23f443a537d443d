import { WEEKDAYS, type Weekday, type WeeklyRange } from '@app/contracts';
import { useFieldError } from '../../ui/formContext';

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** What is wrong with a range, shown beside it before the server is asked. */
export function rangeProblem(range: WeeklyRange): string | undefined {
  if (!range.start || !range.end) return 'Give a start and an end.';
  const end = range.end === '00:00' ? '24:00' : range.end;
  if (end <= range.start)
    return 'The end must come after the start; split an overnight range at midnight.';
  return undefined;
}

/** The ranges as the API wants them: an end of 00:00 means midnight, 24:00. */
export function normalizedRanges(ranges: WeeklyRange[]): WeeklyRange[] {
  return ranges.map((range) => (range.end === '00:00' ? { ...range, end: '24:00' } : range));
}

/**
 * Weekly hours, a row per range (several a day allowed): business hours and agents' shifts.
 * `name` is the field in the API's answers, whose 400 errors are shown under the list.
 */
export function WeeklyHoursEditor({
  legend,
  name,
  value,
  onChange,
  emptyText,
}: {
  legend: string;
  name: string;
  value: WeeklyRange[];
  onChange(ranges: WeeklyRange[]): void;
  emptyText: string;
}) {
  const serverError = useFieldError(name);
  const change = (index: number, patch: Partial<WeeklyRange>) =>
    onChange(value.map((range, at) => (at === index ? { ...range, ...patch } : range)));
  return (
    <fieldset className="fieldset weekly-hours">
      <legend>{legend}</legend>
      {value.length === 0 && <p className="field-hint">{emptyText}</p>}
      <ul className="weekly-hours-list">
        {value.map((range, index) => {
          const problem = rangeProblem(range);
          return (
            <li key={index} className="weekly-hours-row">
              <select
                className="input"
                aria-label={`Day of range ${index + 1}`}
                value={range.day}
                onChange={(event) => change(index, { day: event.target.value as Weekday })}
              >
                {WEEKDAYS.map((day) => (
                  <option key={day} value={day}>
                    {DAY_LABELS[day]}
                  </option>
                ))}
              </select>
              <input
                className="input"
                type="time"
                aria-label={`Start of range ${index + 1}`}
                value={range.start}
                onChange={(event) => change(index, { start: event.target.value })}
              />
              <span aria-hidden="true">to</span>
              <input
                className="input"
                type="time"
                aria-label={`End of range ${index + 1}`}
                value={range.end === '24:00' ? '00:00' : range.end}
                onChange={(event) => change(index, { end: event.target.value })}
              />
              <button
                type="button"
                className="button ghost"
                aria-label={`Remove range ${index + 1}`}
                onClick={() => onChange(value.filter((_, at) => at !== index))}
              >
                Remove
              </button>
              {problem && (
                <p className="field-error" role="alert">
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([...value, { day: value.at(-1)?.day ?? 'mon', start: '09:00', end: '17:00' }])
        }
      >
        Add hours
      </button>
      {serverError && <p className="field-error">{serverError}</p>}
    </fieldset>
  );
}
