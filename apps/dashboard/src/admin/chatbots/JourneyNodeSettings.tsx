import {
  isQuestion,
  JOURNEY_RULE_KINDS,
  type JourneyCondition,
  type JourneyEnd,
  type JourneyQuestion,
  type JourneyRule,
} from '@app/contracts/journey/journey-graph';
import { type Routing, useRouting } from '../../inbox/useRouting';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { type JourneyDraft, targetsFor } from './journeyDraft';

interface SettingsProps<N> {
  draft: JourneyDraft;
  node: N;
  /** Names the node's controls, e.g. `Step 2`. */
  step: string;
  onChange(node: N): void;
}

const PRIORITIES = [
  { value: '', label: 'Leave as is (normal)' },
  { value: 'low', label: 'Low' },
  { value: 'normal', label: 'Normal' },
  { value: 'high', label: 'High' },
  { value: 'urgent', label: 'Urgent' },
] as const;

const RULE_LABELS: Record<JourneyRule['kind'], string> = {
  equals: 'is',
  'one-of': 'is one of',
  contains: 'contains',
  between: 'is between',
};

/** A question: its text, whether it must be answered, its options and where each leads. */
export function QuestionSettings({ draft, node, step, onChange }: SettingsProps<JourneyQuestion>) {
  const targets = targetsFor(draft, node.id);
  const perOption = node.type === 'single-choice';
  const options = node.options ?? [];
  const setOption = (index: number, change: Partial<(typeof options)[number]>) =>
    onChange({
      ...node,
      options: options.map((option, at) => (at === index ? { ...option, ...change } : option)),
    });
  return (
    <>
      <CheckboxField
        label="Required"
        checked={node.required}
        onChange={(required) => onChange({ ...node, required })}
      />
      {options.length > 0 && (
        <fieldset className="journey-options">
          <legend>Options{perOption ? ' and where each leads' : ''}</legend>
          {options.map((option, index) => (
            <div key={index} className="journey-row">
              <TextField
                label={`${step} option ${index + 1}`}
                value={option.value}
                maxLength={100}
                onChange={(value) => setOption(index, { value })}
              />
              {perOption && (
                <SelectField
                  label={`${step} option ${index + 1} goes to`}
                  value={option.next ?? ''}
                  options={targets}
                  onChange={(next) => setOption(index, { next: next || undefined })}
                />
              )}
              <button
                type="button"
                className="button small danger-outline"
                aria-label={`Remove ${step} option ${index + 1}`}
                onClick={() =>
                  onChange({ ...node, options: options.filter((_, at) => at !== index) })
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button small"
            disabled={options.length >= 20}
            onClick={() =>
              onChange({
                ...node,
                options: [...options, perOption ? { value: '', next: node.next } : { value: '' }],
              })
            }
          >
            + Add option
          </button>
        </fieldset>
      )}
      {(!perOption || !node.required) && (
        <SelectField
          label={perOption ? `${step}: if skipped, go to` : `${step}: then go to`}
          value={node.next ?? ''}
          options={targets}
          onChange={(next) => onChange({ ...node, next: next || undefined })}
        />
      )}
    </>
  );
}

/** A condition: rules on earlier answers, tried in order, and where to go otherwise. */
export function ConditionSettings({
  draft,
  node,
  step,
  onChange,
}: SettingsProps<JourneyCondition>) {
  const targets = targetsFor(draft, node.id);
  const questions = [
    { value: '', label: 'Choose a question…' },
    ...draft.nodes
      .map((entry) => entry.node)
      .filter(isQuestion)
      .map((question) => ({ value: question.id, label: question.label || question.id })),
  ];
  const setRule = (index: number, rule: JourneyRule) =>
    onChange({ ...node, rules: node.rules.map((known, at) => (at === index ? rule : known)) });
  return (
    <>
      <ol className="journey-rules">
        {node.rules.map((rule, index) => {
          const name = `${step} rule ${index + 1}`;
          return (
            <li key={index} className="journey-row">
              <SelectField
                label={`${name}: the answer to`}
                value={rule.nodeId}
                options={questions}
                onChange={(nodeId) => setRule(index, { ...rule, nodeId })}
              />
              <SelectField
                label={`${name}: test`}
                value={rule.kind}
                options={JOURNEY_RULE_KINDS.map((kind) => ({
                  value: kind,
                  label: RULE_LABELS[kind],
                }))}
                onChange={(kind) => setRule(index, { nodeId: rule.nodeId, kind, next: rule.next })}
              />
              {rule.kind === 'between' ? (
                <>
                  <TextField
                    label={`${name}: from`}
                    type="number"
                    value={rule.min?.toString() ?? ''}
                    onChange={(min) =>
                      setRule(index, { ...rule, min: min === '' ? undefined : Number(min) })
                    }
                  />
                  <TextField
                    label={`${name}: to`}
                    type="number"
                    value={rule.max?.toString() ?? ''}
                    onChange={(max) =>
                      setRule(index, { ...rule, max: max === '' ? undefined : Number(max) })
                    }
                  />
                </>
              ) : rule.kind === 'one-of' ? (
                <TextField
                  label={`${name}: values`}
                  hint="Separated by commas."
                  value={(rule.values ?? []).join(', ')}
                  onChange={(text) =>
                    setRule(index, {
                      ...rule,
                      values: text
                        .split(',')
                        .map((value) => value.trim())
                        .filter(Boolean),
                    })
                  }
                />
              ) : (
                <TextField
                  label={`${name}: value`}
                  value={rule.value ?? ''}
                  onChange={(value) => setRule(index, { ...rule, value })}
                />
              )}
              <SelectField
                label={`${name}: goes to`}
                value={rule.next ?? ''}
                options={targets}
                onChange={(next) => setRule(index, { ...rule, next: next || undefined })}
              />
              <button
                type="button"
                className="button small danger-outline"
                aria-label={`Remove ${name}`}
                onClick={() =>
                  onChange({ ...node, rules: node.rules.filter((_, at) => at !== index) })
                }
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button small"
        disabled={node.rules.length >= 20}
        onClick={() =>
          onChange({ ...node, rules: [...node.rules, { nodeId: '', kind: 'equals', value: '' }] })
        }
      >
        + Add rule
      </button>
      <SelectField
        label={`${step}: otherwise go to`}
        value={node.otherwise ?? ''}
        options={targets}
        onChange={(otherwise) => onChange({ ...node, otherwise: otherwise || undefined })}
      />
    </>
  );
}

interface RoutingFieldProps {
  label: string;
  /** The workspace's categories or teams. */
  list: ReadonlyArray<{ id: string; name: string }>;
  state: Routing['state'];
  value: string | null | undefined;
  /** What no choice means. */
  none: string;
  /** The hint when the list could not be read and the id is typed. */
  typedHint: string;
  onChange(id: string | null): void;
}

/**
 * An end's category or team, picked by name from the workspace's list; an id the list does not
 * hold (one deleted since) stays shown as such, for the admin to change. Without the list (it
 * could not be read), the id is typed, as before there were pickers.
 */
function RoutingField({ label, list, state, value, none, typedHint, onChange }: RoutingFieldProps) {
  if (state === 'unavailable')
    return (
      <TextField
        label={label}
        hint={typedHint}
        className="mono-field"
        value={value ?? ''}
        onChange={(typed) => onChange(typed.trim() || null)}
      />
    );
  const choices = [
    { value: '', label: none },
    ...list.map(({ id, name }) => ({ value: id, label: name })),
  ];
  if (value && !list.some(({ id }) => id === value))
    choices.push({ value, label: state === 'loading' ? '…' : `Not in this workspace (${value})` });
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      options={choices}
      onChange={(id) => onChange(id || null)}
    />
  );
}

/** An end: what the conversation starts with. */
export function EndSettings({ node, step, onChange }: SettingsProps<JourneyEnd>) {
  const routing = useRouting();
  return (
    <div className="form-grid">
      <RoutingField
        label={`${step}: category`}
        list={routing.categories}
        state={routing.state}
        value={node.category}
        none="None"
        typedHint="The categories could not be read: a category id of the workspace; empty: none."
        onChange={(category) => onChange({ ...node, category })}
      />
      <SelectField
        label={`${step}: priority`}
        value={node.priority ?? ''}
        options={PRIORITIES}
        onChange={(priority) =>
          onChange(
            priority ? { ...node, priority } : (({ priority: _dropped, ...rest }) => rest)(node),
          )
        }
      />
      <RoutingField
        label={`${step}: team`}
        list={routing.teams}
        state={routing.state}
        value={node.teamId}
        none="None (the workspace's queue)"
        typedHint="The teams could not be read: a team id; empty: the workspace's queue."
        onChange={(teamId) => onChange({ ...node, teamId })}
      />
      <TextAreaField
        label={`${step}: first message`}
        hint="Posted in the conversation when it opens."
        rows={2}
        maxLength={1000}
        value={node.firstMessage ?? ''}
        onChange={(firstMessage) => onChange({ ...node, firstMessage: firstMessage || null })}
      />
    </div>
  );
}
