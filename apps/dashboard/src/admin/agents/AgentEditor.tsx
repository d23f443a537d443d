import type { WeeklyRange } from '@app/contracts';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import type { Role } from '../roles/roleTypes';
import type { Agent } from './agentTypes';
import { MaxChatsField, maxChatsOf } from './MaxChatsField';
import { RolePicker } from './RolePicker';
import { normalizedRanges, rangeProblem, WeeklyHoursEditor } from '../schedule/WeeklyHoursEditor';

/**
 * Changes an agent's name, roles and chat capacity; sends only what changed. No one changes their
 * own roles (the server refuses it), so one's own row offers no role picker.
 */
export function AgentEditor({
  agent,
  roles,
  isMe,
  onSaved,
  onCancel,
}: {
  agent: Agent;
  roles: Role[] | undefined;
  isMe: boolean;
  onSaved(agent: Agent): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(agent.name);
  const [roleIds, setRoleIds] = useState(agent.roleIds);
  const [maxChats, setMaxChats] = useState(String(agent.maxConcurrentChats));
  const [shifts, setShifts] = useState<WeeklyRange[]>(agent.shifts ?? []);

  const changes = useMemo(
    () => ({
      ...(name.trim() !== agent.name ? { name } : {}),
      ...(roles && !sameSet(roleIds, agent.roleIds) ? { roleIds } : {}),
      ...(maxChatsOf(maxChats) !== agent.maxConcurrentChats
        ? { maxConcurrentChats: maxChatsOf(maxChats) }
        : {}),
      ...(JSON.stringify(normalizedRanges(shifts)) !== JSON.stringify(agent.shifts ?? [])
        ? { shifts: normalizedRanges(shifts) }
        : {}),
    }),
    [name, roleIds, maxChats, shifts, roles, agent],
  );
  const changed = Object.keys(changes).length > 0;
  const valid = shifts.every((range) => !rangeProblem(range));

  const submission = useSubmit(
    useCallback(async () => {
      onSaved(
        await api<Agent>(`/api/tenant/agents/${agent.id}`, { method: 'PATCH', body: changes }),
      );
    }, [agent.id, changes, onSaved]),
  );

  return (
    <Form
      submission={submission}
      submitLabel="Save"
      sendingLabel="Saving…"
      canSubmit={changed && valid}
      aria-label={`Edit ${agent.name}`}
      actions={
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      <div className="form-grid">
        <TextField label="Name" name="name" value={name} onChange={setName} required />
        <MaxChatsField value={maxChats} onChange={setMaxChats} />
      </div>
      <WeeklyHoursEditor
        legend="Shifts (in the workspace's time zone)"
        name="shifts"
        value={shifts}
        onChange={setShifts}
        emptyText="No shifts: always on shift. Auto-assignment gives chats only to agents on shift."
      />
      {isMe ? (
        <p className="field-hint">You cannot change your own roles; another admin can.</p>
      ) : roles ? (
        <RolePicker roles={roles} value={roleIds} onChange={setRoleIds} />
      ) : (
        <p className="field-hint">
          Changing roles needs the <code>roles:manage</code> permission.
        </p>
      )}
    </Form>
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
