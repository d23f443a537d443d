import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import type { PlatformStatus } from './statusTypes';

/** Why a service is down, in one line: its error, or the checks that failed. */
function reasonOf(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail && typeof detail === 'object') {
    const failing = Object.entries(detail as Record<string, { status?: string; message?: string }>)
      .filter(
        ([, check]) =>
          check && typeof check === 'object' && check.status !== 'up' && check.status !== 'ok',
      )
      .map(([name, check]) => (check.message ? `${name}: ${check.message}` : name));
    if (failing.length) return failing.join(' · ');
  }
  return '';
}

export function ServicesCard({ services }: { services: PlatformStatus['services'] }) {
  const down = services.filter((service) => service.status === 'down').length;
  return (
    <Card
      title="Services"
      actions={
        down ? <Badge tone="danger">{down} down</Badge> : <Badge tone="success">All up</Badge>
      }
      className="card-flush"
    >
      <div className="table-wrap">
        <table className="table" aria-label="Services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Latency
              </th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.name}>
                <th scope="row">
                  <span className={`status-dot ${service.status}`} aria-hidden="true" />{' '}
                  {service.name}
                  {service.status === 'down' && reasonOf(service.detail) && (
                    <div className="cell-sub">{reasonOf(service.detail)}</div>
                  )}
                </th>
                <td>
                  <Badge tone={service.status === 'up' ? 'success' : 'danger'}>
                    {service.status === 'up' ? 'Up' : 'Down'}
                  </Badge>
                </td>
                <td className="numeric">{service.latencyMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
