import { isQuestion, JOURNEY_LIMITS } from '@app/contracts/journey/journey-graph';
import { SelectField, TextField } from '../../ui/fields';
import {
  describe,
  type DraftNode,
  exampleDraft,
  freeId,
  idFromLabel,
  type JourneyDraft,
  journeyOf,
  NODE_KINDS,
  newNode,
  nodeOfKind,
  renamed,
} from './journeyDraft';
import { ConditionSettings, EndSettings, QuestionSettings } from './JourneyNodeSettings';
import { JourneyPreview } from './JourneyPreview';

interface JourneyEditorProps {
  draft: JourneyDraft;
  onChange(draft: JourneyDraft): void;
  /** Per node id (null: the start), from the shared checks and the API's answer. */
  problems: Map<string | null, string[]>;
}

/**
 * The questions a visitor answers before a chat (after name and email), as a journey: steps
 * to add, reorder and delete, each option or rule leading to a step of its own, ends that set
 * the conversation's category, priority, team and first message, and a preview that walks it.
 */
export function JourneyEditor({ draft, onChange, problems }: JourneyEditorProps) {
  const nodes = draft.nodes;
  const replace = (key: string, entry: DraftNode) =>
    onChange({ ...draft, nodes: nodes.map((known) => (known.key === key ? entry : known)) });
  const rename = (entry: DraftNode, id: string, idTouched: boolean) => {
    const moved = renamed(draft, entry.node.id, id);
    onChange({
      ...moved,
      nodes: moved.nodes.map((known) =>
        known.key === entry.key ? { ...known, idTouched } : known,
      ),
    });
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...nodes];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange({ ...draft, nodes: next });
  };
  const remove = (entry: DraftNode) => {
    const rest = nodes.filter((known) => known.key !== entry.key);
    // Ways to the deleted step are left empty, for the admin to point elsewhere (marked below).
    const cleared = renamed({ ...draft, nodes: rest }, entry.node.id, '');
    onChange({ ...cleared, startNodeId: cleared.startNodeId || rest[0]?.node.id || '' });
  };
  const add = () => {
    const entry = newNode(draft, 'short-text');
    onChange({
      startNodeId: draft.startNodeId || entry.node.id,
      nodes: [...nodes, entry],
    });
  };
  const startProblems = problems.get(null);
  const onlyAnEnd = nodes.length === 1 && nodes[0].node.type === 'end';

  return (
    <div className="journey-editor">
      <div className="journey-steps">
        <SelectField
          label="Starts with"
          name="journey.startNodeId"
          value={draft.startNodeId}
          options={[
            { value: '', label: 'Choose…' },
            ...nodes.map(({ node }) => ({ value: node.id, label: describe(node) })),
          ]}
          error={startProblems?.join(' ')}
          onChange={(startNodeId) => onChange({ ...draft, startNodeId })}
        />
        {onlyAnEnd && (
          <p className="muted">
            No questions: visitors give their name and email, then chat.{' '}
            <button
              type="button"
              className="button small ghost"
              onClick={() => onChange(exampleDraft())}
            >
              Start from an example
            </button>
          </p>
        )}
        <ol className="prechat-list">
          {nodes.map((entry, index) => {
            const { node } = entry;
            const step = `Step ${index + 1}`;
            const stepProblems = problems.get(node.id);
            return (
              <li
                key={entry.key}
                className={`prechat-question${stepProblems ? ' journey-step-invalid' : ''}`}
                aria-label={step}
              >
                <div className="prechat-question-header">
                  <h4>
                    {step}
                    {draft.startNodeId === node.id && <span className="muted"> · start</span>}
                  </h4>
                  <div className="prechat-question-tools">
                    <button
                      type="button"
                      className="icon-button"
                      onClick={() => move(index, -1)}
                      disabled={index === 0}
                      aria-label={`Move step ${index + 1} up`}
                      title="Move up"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      onClick={() => move(index, 1)}
                      disabled={index === nodes.length - 1}
                      aria-label={`Move step ${index + 1} down`}
                      title="Move down"
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button small danger-outline"
                      onClick={() => remove(entry)}
                      aria-label={`Delete step ${index + 1}`}
                    >
                      Delete
                    </button>
                  </div>
                </div>
                {stepProblems && (
                  <ul className="field-error journey-problems" role="alert">
                    {stepProblems.map((problem, at) => (
                      <li key={at}>{problem}</li>
                    ))}
                  </ul>
                )}
                <div className="form-grid">
                  <SelectField
                    label={`${step}: kind`}
                    value={node.type}
                    options={NODE_KINDS}
                    onChange={(kind) =>
                      replace(entry.key, { ...entry, node: nodeOfKind(kind, node) })
                    }
                  />
                  <TextField
                    label={`${step}: id`}
                    className="mono-field"
                    value={node.id}
                    hint="The answer's name in the API."
                    spellCheck={false}
                    onChange={(id) => rename(entry, id, true)}
                  />
                  {isQuestion(node) && (
                    <TextField
                      label={`${step}: question`}
                      value={node.label}
                      maxLength={JOURNEY_LIMITS.label}
                      placeholder="e.g. What is your order number?"
                      onChange={(label) => {
                        const changed = { ...entry, node: { ...node, label } };
                        if (entry.idTouched) return replace(entry.key, changed);
                        const id = freeId(draft, idFromLabel(label), node.id);
                        const moved = renamed(draft, node.id, id);
                        onChange({
                          ...moved,
                          nodes: moved.nodes.map((known) =>
                            known.key === entry.key
                              ? { ...known, node: { ...known.node, label } as typeof node }
                              : known,
                          ),
                        });
                      }}
                    />
                  )}
                </div>
                {isQuestion(node) ? (
                  <QuestionSettings
                    draft={draft}
                    node={node}
                    step={step}
                    onChange={(changed) => replace(entry.key, { ...entry, node: changed })}
                  />
                ) : node.type === 'condition' ? (
                  <ConditionSettings
                    draft={draft}
                    node={node}
                    step={step}
                    onChange={(changed) => replace(entry.key, { ...entry, node: changed })}
                  />
                ) : (
                  <EndSettings
                    draft={draft}
                    node={node}
                    step={step}
                    onChange={(changed) => replace(entry.key, { ...entry, node: changed })}
                  />
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button"
          onClick={add}
          disabled={nodes.length >= JOURNEY_LIMITS.nodes}
        >
          + Add step
        </button>
      </div>
      <aside className="journey-preview-panel" aria-labelledby="journey-preview-heading">
        <h4 id="journey-preview-heading">Preview</h4>
        <JourneyPreview journey={journeyOf(draft)} blocked={problems.size > 0} />
      </aside>
    </div>
  );
}
