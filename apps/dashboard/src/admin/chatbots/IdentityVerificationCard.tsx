import { useState } from 'react';
import { api } from '../../api/client';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { Chatbot } from './chatbotTypes';

/**
 * Identity verification (as Intercom and Crisp offer it): your backend signs a signed-in user's
 * email with the chatbot's secret, and the inbox marks such visitors verified; every other email
 * is only what a visitor typed. The chatbot may refuse visitors whose email is not signed.
 */
export function IdentityVerificationCard(props: {
  chatbot: Chatbot;
  path: string;
  onChange(chatbot: Chatbot): void;
}) {
  const { chatbot, path, onChange } = props;
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const create = async () => {
    const answer = await api<{ identitySecret: string }>(`${path}/identity-secret`, {
      method: 'POST',
    });
    setSecret(answer.identitySecret);
    onChange(await api<Chatbot>(path));
  };
  const show = async () => {
    try {
      setSecret((await api<{ identitySecret: string }>(`${path}/identity-secret`)).identitySecret);
    } catch (failure) {
      setError(failure);
    }
  };
  const turnOff = async () => {
    onChange(await api<Chatbot>(`${path}/identity-secret`, { method: 'DELETE' }));
    setSecret(undefined);
  };
  const setRequired = async (requireVerifiedIdentity: boolean) => {
    setSaving(true);
    setError(undefined);
    try {
      onChange(await api<Chatbot>(path, { method: 'PATCH', body: { requireVerifiedIdentity } }));
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="Identity verification"
      description="Your backend signs a signed-in user's email (HMAC-SHA256 with this secret); the inbox marks those visitors verified and every other email as unverified."
      actions={
        chatbot.identityVerification ? (
          <>
            <ConfirmButton
              label="Rotate secret"
              title="Rotate the identity secret?"
              confirmLabel="Rotate secret"
              onConfirm={create}
            >
              Hashes made with the current secret <strong>stop verifying at once</strong>: put the
              new one in your backend first.
            </ConfirmButton>
            <ConfirmButton
              label="Turn off"
              className="button danger-outline"
              title="Turn identity verification off?"
              confirmLabel="Turn off"
              danger
              onConfirm={turnOff}
            >
              The secret is deleted and no visitor is marked verified any more.
            </ConfirmButton>
          </>
        ) : (
          <ConfirmButton
            label="Create identity secret"
            title="Create an identity secret?"
            confirmLabel="Create secret"
            onConfirm={create}
          >
            Keep it in your backend only: never put it in a web page.
          </ConfirmButton>
        )
      }
    >
      {chatbot.identityVerification ? (
        <>
          <p>
            <Badge tone="success">On</Badge>{' '}
            {secret ? (
              <code className="identity-secret">{secret}</code>
            ) : (
              <button type="button" className="button" onClick={() => void show()}>
                Show secret
              </button>
            )}
          </p>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={chatbot.requireVerifiedIdentity}
              disabled={saving}
              onChange={(event) => void setRequired(event.currentTarget.checked)}
            />{' '}
            Require a verified identity: refuse visitors whose email your site did not sign
          </label>
        </>
      ) : (
        <p>
          <Badge>Off</Badge>{' '}
          <span className="muted">Every visitor's email is what they typed.</span>
        </p>
      )}
      <ErrorMessage error={error} />
    </Card>
  );
}
