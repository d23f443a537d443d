import type { SlaAlertPreference, SlaBreachAlert } from '@app/contracts';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useInbox } from './InboxProvider';

const PREFERENCE = '/api/chat/sla/alert-preference';
/** The alerts kept on screen; older ones are dropped (each is one breach of one conversation). */
const KEPT = 20;

const TARGET = { first_response: 'first response', resolution: 'resolution' } as const;
const DONE: Record<SlaBreachAlert['escalation'], string> = {
  none: '',
  'raise-priority': ' Its priority was raised.',
  reassign: ' It was reassigned.',
  'requeue-front': ' It went back to the front of the queue.',
};

/**
 * For supervisors: each SLA breach as it happens (`sla:breached`), until dismissed, and the
 * choice to be emailed about breaches too.
 */
export function SlaBreachAlerts() {
  const { socket } = useInbox();
  const [alerts, setAlerts] = useState<SlaBreachAlert[]>([]);
  const [email, setEmail] = useState<boolean | null>(null);

  useEffect(() => {
    const onBreach = (alert: SlaBreachAlert) =>
      setAlerts((shown) => [alert, ...shown].slice(0, KEPT));
    socket.on('sla:breached', onBreach);
    return () => {
      socket.off('sla:breached', onBreach);
    };
  }, [socket]);

  useEffect(() => {
    api<SlaAlertPreference>(PREFERENCE).then(
      (preference) => setEmail(preference.email),
      () => setEmail(null),
    );
  }, []);

  // Shown at once; put back if the server did not keep it.
  const chooseEmail = async (wanted: boolean) => {
    setEmail(wanted);
    try {
      await api<SlaAlertPreference>(PREFERENCE, { method: 'PUT', body: { email: wanted } });
    } catch {
      setEmail(!wanted);
    }
  };
  const dismiss = (alert: SlaBreachAlert) =>
    setAlerts((shown) => shown.filter((other) => other !== alert));

  return (
    <section className="sla-alerts" aria-label="SLA breaches">
      {email !== null && (
        <label className="inbox-hint sla-alerts-email">
          <input
            type="checkbox"
            checked={email}
            onChange={(event) => void chooseEmail(event.target.checked)}
          />{' '}
          Email me SLA breaches
        </label>
      )}
      {alerts.map((alert) => (
        <div
          key={`${alert.roomId}:${alert.kind}`}
          className="sla-alert"
          role="alert"
          data-room-id={alert.roomId}
        >
          <Link to={`/inbox/${alert.roomId}`}>
            #{alert.displayId} {alert.visitorName || 'Visitor'}
          </Link>{' '}
          missed its {TARGET[alert.kind]} target
          {alert.agent ? ` (with ${alert.agent.name})` : ' (waiting)'}.{DONE[alert.escalation]}
          <button
            type="button"
            className="inbox-chip-button"
            aria-label={`Dismiss the alert about #${alert.displayId}`}
            onClick={() => dismiss(alert)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
