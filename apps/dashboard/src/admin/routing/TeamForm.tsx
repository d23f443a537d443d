import { useCallback, useState } from 'react';
import { CheckboxField, TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import {
  BusinessHoursFields,
  draftHours,
  draftHoursValid,
  hoursDraft,
  TimeZoneField,
} from '../schedule/BusinessHoursFields';
import type { Category, TeamDraft } from './routingTypes';

const FIELD_OF_CODE = { name_taken: 'name' };

/**
 * A team's name, members (active agents), the categories routed to it, and its own business
 * hours if it keeps other hours than the workspace (chatbots whose journey leads to the team go
 * offline outside them).
 */
export function TeamForm({
  initial,
  agents,
  categories,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: TeamDraft;
  agents: Array<{ id: string; name: string }>;
  categories: Category[];
  submitLabel: string;
  onSubmit(draft: TeamDraft): Promise<void>;
  onCancel?(): void;
}) {
  const [draft, setDraft] = useState<Omit<TeamDraft, 'businessHours'>>({
    name: initial.name,
    memberIds: initial.memberIds,
    categoryIds: initial.categoryIds,
  });
  const [ownHours, setOwnHours] = useState(initial.businessHours !== null);
  const [timeZone, setTimeZone] = useState(initial.businessHours?.timeZone ?? '');
  const [hours, setHours] = useState(hoursDraft(initial.businessHours));
  const submission = useSubmit(
    useCallback(
      () =>
        onSubmit({
          ...draft,
          businessHours: ownHours
            ? { ...draftHours(hours), timeZone: timeZone.trim() || null }
            : null,
        }),
      [draft, ownHours, hours, timeZone, onSubmit],
    ),
    FIELD_OF_CODE,
  );
  const toggle = (field: 'memberIds' | 'categoryIds', id: string, on: boolean) =>
    setDraft((before) => ({
      ...before,
      [field]: on ? [...before[field], id] : before[field].filter((other) => other !== id),
    }));

  return (
    <Form
      submission={submission}
      submitLabel={submitLabel}
      sendingLabel="Saving…"
      aria-label={submitLabel}
      canSubmit={draft.name.trim() !== '' && (!ownHours || draftHoursValid(hours))}
      actions={
        onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )
      }
    >
      <TextField
        label="Team name"
        name="name"
        placeholder="e.g. Billing"
        value={draft.name}
        onChange={(name) => setDraft((before) => ({ ...before, name }))}
        maxLength={80}
        required
      />
      <fieldset className="checkbox-group">
        <legend>Members</legend>
        {agents.length === 0 && <p className="field-hint">No active agent yet.</p>}
        {agents.map((agent) => (
          <CheckboxField
            key={agent.id}
            label={agent.name}
            name={`member-${agent.id}`}
            checked={draft.memberIds.includes(agent.id)}
            onChange={(on) => toggle('memberIds', agent.id, on)}
          />
        ))}
      </fieldset>
      <fieldset className="checkbox-group">
        <legend>Categories it takes</legend>
        {categories.length === 0 && <p className="field-hint">Add categories first.</p>}
        {categories.map((category) => (
          <CheckboxField
            key={category.id}
            label={category.name}
            name={`category-${category.id}`}
            checked={draft.categoryIds.includes(category.id)}
            onChange={(on) => toggle('categoryIds', category.id, on)}
          />
        ))}
      </fieldset>
      <CheckboxField
        label="Own business hours"
        name="ownBusinessHours"
        checked={ownHours}
        onChange={setOwnHours}
        hint="Off: the workspace's hours. On: chats routed to this team are offline outside these."
      />
      {ownHours && (
        <>
          <TimeZoneField
            name="businessHours.timeZone"
            value={timeZone}
            onChange={setTimeZone}
            hint="Empty: the workspace's time zone."
          />
          <BusinessHoursFields name="businessHours" value={hours} onChange={setHours} />
        </>
      )}
    </Form>
  );
}
