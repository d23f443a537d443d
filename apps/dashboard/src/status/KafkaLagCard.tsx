import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { formatNumber } from '../ui/format';
import type { PlatformStatus } from './statusTypes';

// A consumer this far behind is worth a look; one message or two in flight is normal.
const LAG_WARNING = 100;

/** How far each service's consumer group is behind its topics. */
export function KafkaLagCard({ groups }: { groups: PlatformStatus['kafka']['groups'] }) {
  return (
    <Card
      title="Event processing"
      description="Kafka consumer lag: events published but not yet handled, per consumer group."
      className="card-flush"
    >
      {groups.length === 0 ? (
        <EmptyState title="No consumer groups reported" />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Kafka consumer lag">
            <thead>
              <tr>
                <th scope="col">Consumer group</th>
                <th scope="col">Topics</th>
                <th scope="col" className="numeric">
                  Lag
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.groupId}>
                  <th scope="row" className="mono">
                    {group.groupId}
                    {group.error && <div className="cell-sub field-error">{group.error}</div>}
                  </th>
                  <td>
                    <ul className="plain-list topic-list">
                      {group.topics.map((topic) => (
                        <li key={topic.topic}>
                          <span className="mono">{topic.topic}</span>{' '}
                          <span className={topic.lag ? 'lag' : 'muted'}>
                            {formatNumber(topic.lag)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="numeric">
                    <Badge
                      tone={
                        group.error ? 'danger' : group.lag >= LAG_WARNING ? 'warning' : 'success'
                      }
                    >
                      {group.error ? 'Unknown' : formatNumber(group.lag)}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
