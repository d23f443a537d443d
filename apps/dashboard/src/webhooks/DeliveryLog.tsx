import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { Badge, type BadgeTone } from '../ui/Badge';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { filterOptions } from '../ui/filterOptions';
import { formatDateTime } from '../ui/format';
import { PagedTable } from '../ui/PagedTable';
import { useCursorPages } from '../ui/useCursorPages';
import { useInterval } from '../ui/useInterval';
import { useSubmit } from '../ui/useSubmit';
import {
  type DeliveryStatus,
  ERROR_LABELS,
  STATUS_LABELS,
  type WebhookDelivery,
  type WebhookEndpoint,
  WEBHOOKS_PATH,
} from './webhookTypes';

const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: 'info',
  delivered: 'success',
  failed: 'danger',
};

/** An endpoint's delivery log, newest first, refreshed every few seconds; replay from it. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const path = `${WEBHOOKS_PATH}/${endpoint.id}/deliveries`;
  const query = useMemo(() => ({ status, limit: 25 }), [status]);
  const pages = useCursorPages<'deliveries', WebhookDelivery>(path, 'deliveries', query);
  const { refresh } = pages;
  useInterval(refresh, 3000);
  const replayFailed = useSubmit(async () => {
    await api(`${WEBHOOKS_PATH}/${endpoint.id}/replay-failed`, { method: 'POST' });
    refresh();
  });
  const replay = useSubmit(async (deliveryId: string) => {
    await api(`${path}/${deliveryId}/replay`, { method: 'POST' });
    refresh();
  });

  return (
    <Card
      title={`Deliveries to ${endpoint.url}`}
      description="Each event sent to this endpoint: its answer, how long it took, and what the receiver said."
    >
      <div className="toolbar">
        <SelectField
          label="Status"
          value={status}
          onChange={(value) => setStatus(value as DeliveryStatus | '')}
          options={filterOptions('Any status', STATUS_LABELS)}
        />
        <button
          type="button"
          className="button"
          disabled={!endpoint.enabled || replayFailed.sending}
          onClick={() => void replayFailed.run()}
        >
          Replay failed deliveries
        </button>
      </div>
      <ErrorMessage error={replayFailed.error ?? replay.error} />
      <PagedTable
        pages={pages}
        label="Deliveries"
        loadingLabel="Loading deliveries…"
        columns={[
          'Event',
          'Status',
          'Answer',
          'Latency',
          'Attempts',
          'Response',
          { actions: true },
        ]}
        empty={
          <EmptyState title="No deliveries yet">
            Events of the types it chose appear here as they are sent. Send a test event to try the
            endpoint.
          </EmptyState>
        }
      >
        {(delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <td>
              <code>{delivery.type}</code>
              <div className="muted">{formatDateTime(delivery.createdAt)}</div>
            </td>
            <td>
              <Badge tone={TONES[delivery.status]}>{STATUS_LABELS[delivery.status]}</Badge>
            </td>
            <td>
              {delivery.responseStatus !== null
                ? `HTTP ${delivery.responseStatus}`
                : delivery.error
                  ? (ERROR_LABELS[delivery.error] ?? delivery.error)
                  : '—'}
            </td>
            <td>
              {delivery.latencyMs !== null
                ? `${delivery.latencyMs} ms`
                : delivery.durationMs !== null
                  ? `${delivery.durationMs} ms (attempt)`
                  : '—'}
            </td>
            <td>{delivery.attempts}</td>
            <td>
              {delivery.responseExcerpt ? (
                <pre className="response-excerpt">{delivery.responseExcerpt}</pre>
              ) : (
                '—'
              )}
            </td>
            <td className="actions">
              <button
                type="button"
                className="button small"
                disabled={!endpoint.enabled || delivery.status === 'pending'}
                aria-label={`Replay ${delivery.type} of ${formatDateTime(delivery.createdAt)}`}
                onClick={() => void replay.run(delivery.id)}
              >
                Replay
              </button>
            </td>
          </tr>
        )}
      </PagedTable>
    </Card>
  );
}
