import type { BusinessHours } from '@app/contracts';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../ui/Card';
import { CheckboxField, TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import {
  BusinessHoursFields,
  draftHours,
  draftHoursValid,
  hoursDraft,
  TimeZoneField,
} from './BusinessHoursFields';

export interface HoursSettings {
  timeZone: string;
  agentAutoAwayMinutes: number;
  businessHours: BusinessHours | null;
}

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
  const [hours, setHours] = useState(hoursDraft(settings.businessHours));
  const [savedAt, setSavedAt] = useState<Date>();

  const body = useMemo(
    () => ({
      timeZone: timeZone.trim(),
      agentAutoAwayMinutes: Number(autoAway),
      businessHours: alwaysOpen ? null : draftHours(hours),
    }),
    [timeZone, autoAway, alwaysOpen, hours],
  );
  const changed =
    JSON.stringify(body) !==
    JSON.stringify({
      timeZone: settings.timeZone,
      agentAutoAwayMinutes: settings.agentAutoAwayMinutes,
      businessHours: settings.businessHours,
    });
  const valid = alwaysOpen || draftHoursValid(hours);

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
          <TimeZoneField
            name="timeZone"
            value={timeZone}
            onChange={setTimeZone}
            hint="An IANA name such as Europe/Paris. Business hours and shifts are read in it."
            required
          />
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
          <BusinessHoursFields name="businessHours" value={hours} onChange={setHours} />
        )}
      </Form>
    </Card>
  );
}
