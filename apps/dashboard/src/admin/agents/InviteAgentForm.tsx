import { useCallback, useMemo, useState } from 'react';
// From the zod-free file itself, so that the bundle does not take in the event schemas.
import { DEFAULT_MAX_CONCURRENT_CHATS } from '@app/contracts/rest/agents';
import { api } from '../../api/client';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import type { Role } from '../roles/roleTypes';
import type { Agent } from './agentTypes';
import { MaxChatsField, maxChatsOf } from './MaxChatsField';
import { RolePicker } from './RolePicker';

const FIELD_OF_CODE = { email_taken: 'email' };

/**
 * Invites someone by email (a link valid 7 days). Without the roles list (no roles:manage),
 * the invitation gets the Agent role.
 */
export function InviteAgentForm({
  roles,
  onInvited,
  onCancel,
}: {
  roles: Role[] | undefined;
  onInvited(agent: Agent): void;
  onCancel(): void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  // Until the admin picks, the Agent role: the roles may arrive after the form opened.
  const [chosenRoleIds, setRoleIds] = useState<string[]>();
  const agentRole = roles?.find((role) => role.builtIn === 'agent');
  const roleIds = useMemo(
    () => chosenRoleIds ?? (agentRole ? [agentRole.id] : []),
    [chosenRoleIds, agentRole],
  );
  const [maxChats, setMaxChats] = useState(String(DEFAULT_MAX_CONCURRENT_CHATS));

  const submission = useSubmit(
    useCallback(async () => {
      const agent = await api<Agent>('/api/tenant/agents/invitations', {
        method: 'POST',
        body: {
          email,
          name,
          roleIds: roles ? roleIds : undefined,
          maxConcurrentChats: maxChatsOf(maxChats),
        },
      });
      onInvited(agent);
    }, [email, name, roles, roleIds, maxChats, onInvited]),
    FIELD_OF_CODE,
  );

  return (
    <Form
      submission={submission}
      submitLabel="Send invitation"
      sendingLabel="Sending…"
      aria-label="Invite an agent"
      actions={
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      <div className="form-grid">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          required
          autoFocus
        />
        <TextField label="Name" name="name" value={name} onChange={setName} required />
        <MaxChatsField value={maxChats} onChange={setMaxChats} />
      </div>
      {roles ? (
        <RolePicker roles={roles} value={roleIds} onChange={setRoleIds} />
      ) : (
        <p className="field-hint">The invitation gives the Agent role.</p>
      )}
    </Form>
  );
}
