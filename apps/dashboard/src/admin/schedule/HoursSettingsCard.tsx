import type { BusinessHours, WeeklyRange } from '@app/contracts';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../ui/Card';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import { normalizedRanges, rangeProblem, WeeklyHoursEditor } from './WeeklyHoursEditor';

export interface HoursSettings {
  timeZone: string;
  agentAutoAwayMinutes: number;
  businessHours: BusinessHours | null;
}

/** The time zones the browser knows, for the field's suggestions. */
const TIME_ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * The workspace's time zone, business hours with holidays, and the inactivity after which an
 * available agent is set away. Chatbots go offline outside these hours (their "offline when").
 */
export function HoursSettingsCard({
  settings,
  onSaved,
}: {
  settings: HoursSettings;
  onSaved(settings: HoursSettings): void;
}) {
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [autoAway, setAutoAway] = useState(String(settings.agentAutoAwayMinutes));
  const [alwaysOpen, setAlwaysOpen] = useState(settings.businessHours === null);
  const [weekly, setWeekly] = useState<WeeklyRange[]>(settings.businessHours?.weekly ?? []);
  const [holidays, setHolidays] = useState((settings.businessHours?.holidays ?? []).join('\n'));
  const [savedAt, setSavedAt] = useState<Date>();

  const body = useMemo(
    () => ({
      timeZone: timeZone.trim(),
      agentAutoAwayMinutes: Number(autoAway),
      businessHours: alwaysOpen
        ? null
        : {
            weekly: normalizedRanges(weekly),
            holidays: holidays
              .split(/[\s,]+/)
              .map((day) => day.trim())
              .filter(Boolean),
          },
    }),
    [timeZone, autoAway, alwaysOpen, weekly, holidays],
  );
  const changed =
    JSON.stringify(body) !==
    JSON.stringify({
      timeZone: settings.timeZone,
      agentAutoAwayMinutes: settings.agentAutoAwayMinutes,
      businessHours: settings.businessHours,
    });
  const valid = weekly.every((range) => !rangeProblem(range)) || alwaysOpen;

  const submission = useSubmit(
    useCallback(async () => {
      const saved = await api<HoursSettings>('/api/tenant/settings', { method: 'PATCH', body });
      onSaved(saved);
      setSavedAt(new Date());
    }, [body, onSaved]),
  );

  return (
    <Card
      title="Hours and availability"
      actions={
        savedAt &&
        !changed && (
          <span className="saved-note" role="status">
            Saved at {savedAt.toLocaleTimeString()}
          </span>
        )
      }
    >
      <Form
        submission={submission}
        submitLabel="Save hours"
        sendingLabel="Saving…"
        canSubmit={changed && valid}
        aria-label="Hours and availability"
      >
        <div className="form-grid">
          <TextField
            label="Time zone"
            name="timeZone"
            value={timeZone}
            onChange={setTimeZone}
            list="parley-time-zones"
            hint="An IANA name such as Europe/Paris. Business hours and shifts are read in it."
            required
          />
          <datalist id="parley-time-zones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <TextField
            label="Away after inactivity (minutes)"
            name="agentAutoAwayMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={720}
            value={autoAway}
            onChange={setAutoAway}
            hint="An available agent who does nothing this long is set away. 0: never."
            required
          />
        </div>
        <CheckboxField
          label="Open around the clock"
          name="businessHours"
          checked={alwaysOpen}
          onChange={setAlwaysOpen}
          hint="Without business hours, chatbots are never offline for the time of day."
        />
        {!alwaysOpen && (
          <>
            <WeeklyHoursEditor
              legend="Business hours"
              name="businessHours.weekly"
              value={weekly}
              onChange={setWeekly}
              emptyText="No hours: open every hour of every day, holidays excepted."
            />
            <TextAreaField
              label="Holidays"
              name="businessHours.holidays"
              value={holidays}
              onChange={setHolidays}
              rows={3}
              hint="Closed all day: one date a line, as 2026-12-25."
            />
          </>
        )}
      </Form>
    </Card>
  );
}
