import { ROOM_PRIORITIES, type RoomPriority, type SlaEscalation } from '@app/contracts';
import { useCallback, useMemo, useState } from 'react';
import type { Category, Team } from '../admin/routing/routingTypes';
import { SelectField, TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';
import { formatTarget, secondsOfMinutes, type SlaPolicyDraft } from './slaTypes';

const FIELD_OF_CODE = { policy_exists: 'priority' };

const ESCALATIONS: ReadonlyArray<{ value: SlaEscalation['action']; label: string }> = [
  { value: 'none', label: 'Only alert the supervisors' },
  { value: 'raise-priority', label: 'Raise the priority one step' },
  { value: 'reassign', label: 'Reassign to an agent (team lead or supervisor)' },
  { value: 'requeue-front', label: 'Return to the front of its queue' },
];

const ANY = '';

/**
 * A policy's rooms (priority, maybe a category and a team), its two targets in minutes (the API
 * keeps seconds: 0.5 is 30 seconds) and what a breach does. The fields carry the API's names, so
 * a 400 shows under the target it names.
 */
export function SlaPolicyForm({
  initial,
  categories,
  teams,
  agents,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: SlaPolicyDraft;
  categories: Category[];
  teams: Team[];
  /** Who a breached room may be reassigned to; null when the caller may not list agents. */
  agents: Array<{ id: string; name: string }> | null;
  submitLabel: string;
  onSubmit(draft: SlaPolicyDraft): Promise<void>;
  onCancel?(): void;
}) {
  const [name, setName] = useState(initial.name);
  const [priority, setPriority] = useState<RoomPriority>(initial.priority);
  const [categoryId, setCategoryId] = useState(initial.categoryId ?? ANY);
  const [teamId, setTeamId] = useState(initial.teamId ?? ANY);
  const [firstResponse, setFirstResponse] = useState(minutesOf(initial.firstResponseSeconds));
  const [resolution, setResolution] = useState(minutesOf(initial.resolutionSeconds));
  const [action, setAction] = useState<SlaEscalation['action']>(initial.escalation.action);
  const [agentId, setAgentId] = useState(
    initial.escalation.action === 'reassign' ? initial.escalation.agentId : '',
  );
  const draft = useMemo(
    (): SlaPolicyDraft => ({
      name: name.trim(),
      priority,
      categoryId: categoryId || null,
      teamId: teamId || null,
      firstResponseSeconds: secondsOfMinutes(firstResponse),
      resolutionSeconds: secondsOfMinutes(resolution),
      escalation: action === 'reassign' ? { action, agentId } : { action },
    }),
    [name, priority, categoryId, teamId, firstResponse, resolution, action, agentId],
  );
  const submission = useSubmit(
    useCallback(() => onSubmit(draft), [draft, onSubmit]),
    FIELD_OF_CODE,
  );
  const seconds = (minutes: string) => {
    const value = secondsOfMinutes(minutes);
    return Number.isNaN(value) ? undefined : `${formatTarget(value)}, in business hours.`;
  };

  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel="Saving…"
      aria-label={submitLabel}
      canSubmit={name.trim() !== '' && firstResponse !== '' && resolution !== ''}
      actions={
        onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )
      }
    >
      <TextField label="Name" name="name" value={name} onChange={setName} maxLength={80} required />
      <SelectField<RoomPriority>
        label="Priority"
        name="priority"
        value={priority}
        onChange={setPriority}
        options={ROOM_PRIORITIES.map((value): { value: RoomPriority; label: string } => ({
          value,
          label: value,
        }))}
      />
      <SelectField
        label="Category"
        name="categoryId"
        hint="A policy for one category beats one for any."
        value={categoryId}
        onChange={setCategoryId}
        options={[
          { value: ANY, label: 'Any category' },
          ...categories.map((category) => ({ value: category.id, label: category.name })),
        ]}
      />
      <SelectField
        label="Team"
        name="teamId"
        value={teamId}
        onChange={setTeamId}
        options={[
          { value: ANY, label: 'Any team' },
          ...teams.map((team) => ({ value: team.id, label: team.name })),
        ]}
      />
      <TextField
        label="First response within (minutes)"
        name="firstResponseSeconds"
        inputMode="decimal"
        hint={seconds(firstResponse)}
        value={firstResponse}
        onChange={setFirstResponse}
        required
      />
      <TextField
        label="Resolution within (minutes)"
        name="resolutionSeconds"
        inputMode="decimal"
        hint={seconds(resolution)}
        value={resolution}
        onChange={setResolution}
        required
      />
      <SelectField<SlaEscalation['action']>
        label="When a target is missed"
        name="escalation"
        value={action}
        onChange={setAction}
        options={ESCALATIONS}
      />
      {action === 'reassign' &&
        (agents ? (
          <SelectField
            label="Reassign to"
            name="escalation.agentId"
            value={agentId}
            onChange={setAgentId}
            options={[
              { value: '', label: 'Choose an agent' },
              ...agents.map((agent) => ({ value: agent.id, label: agent.name })),
            ]}
          />
        ) : (
          <TextField
            label="Reassign to (agent id)"
            name="escalation.agentId"
            value={agentId}
            onChange={setAgentId}
          />
        ))}
    </Form>
  );
}

function minutesOf(seconds: number): string {
  return Number.isFinite(seconds) && seconds > 0
    ? String(Math.round((seconds / 60) * 100) / 100)
    : '';
}
