import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CheckboxField } from '../ui/fields';
import { useApi } from '../ui/useApi';

interface Subscription {
  daily: boolean;
}

/** Whether the signed-in user gets each day's figures by email; saved as soon as it is ticked. */
export function ReportSubscription() {
  const subscription = useApi<Subscription>('/api/analytics/reports/subscription');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const change = async (daily: boolean) => {
    setSaving(true);
    setError(undefined);
    try {
      subscription.setData(
        await api<Subscription>('/api/analytics/reports/subscription', {
          method: 'PUT',
          body: { daily },
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="subscription">
      <CheckboxField
        label="Email me the daily report"
        hint="Each day's figures, emailed shortly after the day ends (UTC)."
        checked={subscription.data?.daily ?? false}
        disabled={subscription.data === undefined || saving}
        onChange={(daily) => void change(daily)}
      />
      <ErrorMessage error={error ?? subscription.error} />
    </div>
  );
}
