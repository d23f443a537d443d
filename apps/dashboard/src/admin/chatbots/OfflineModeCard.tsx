import type { OfflineWhen } from '@app/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Card } from '../../ui/Card';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { Chatbot } from './chatbotTypes';

const CHOICES: { value: OfflineWhen; title: string; description: string }[] = [
  {
    value: 'outside-hours',
    title: 'Outside business hours',
    description: 'Offline outside the workspace’s business hours and on its holidays.',
  },
  {
    value: 'no-agent-available',
    title: 'When no agent is available',
    description: 'Offline while no agent is available and on shift.',
  },
  { value: 'both', title: 'Either', description: 'Outside business hours, or with no agent.' },
  { value: 'never', title: 'Never', description: 'Visitors always start a live chat and wait.' },
];

/**
 * When the widget says nobody answers live and offers an offline message instead: the visitor
 * leaves name, email and message, gets a confirmation by mail, and the answer comes by mail.
 */
export function OfflineModeCard(props: {
  chatbot: Chatbot;
  path: string;
  onChange(chatbot: Chatbot): void;
}) {
  const { chatbot, path, onChange } = props;
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const choose = async (offlineWhen: OfflineWhen) => {
    setSaving(true);
    setError(undefined);
    try {
      onChange(await api<Chatbot>(path, { method: 'PATCH', body: { offlineWhen } }));
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="Offline mode"
      description={
        <>
          When the widget offers an offline message instead of a live chat. Business hours are in{' '}
          <Link to="/settings">Settings</Link>.
        </>
      }
    >
      <fieldset className="fieldset" disabled={saving}>
        <legend className="sr-only">Offline when</legend>
        <div className="radio-cards">
          {CHOICES.map((choice) => (
            <label key={choice.value} className="radio-card">
              <input
                type="radio"
                name="offlineWhen"
                value={choice.value}
                checked={(chatbot.offlineWhen ?? 'outside-hours') === choice.value}
                onChange={() => void choose(choice.value)}
              />
              <span>
                <span className="radio-card-title">{choice.title}</span>
                <span className="radio-card-text">{choice.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={error} />
    </Card>
  );
}
