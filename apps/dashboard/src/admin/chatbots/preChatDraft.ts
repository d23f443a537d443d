import type { PreChatField, PreChatFieldType } from './chatbotTypes';

/** A question being edited: options as typed (one a line), and whether its id was typed by hand. */
export interface DraftField {
  /** Keeps React's rows stable while questions move; never sent. */
  key: string;
  id: string;
  /** Until the admin edits the id, it follows the label. */
  idTouched: boolean;
  label: string;
  type: PreChatFieldType;
  required: boolean;
  optionsText: string;
  category: boolean;
}

export const FIELD_TYPES: { value: PreChatFieldType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'email', label: 'Email' },
  { value: 'single-choice', label: 'Single choice' },
  { value: 'multiple-choice', label: 'Multiple choice' },
];

const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_FIELDS = 20;
const MAX_OPTIONS = 20;

export const isChoice = (type: PreChatFieldType) =>
  type === 'single-choice' || type === 'multiple-choice';

/** "What is your order number?" → "what_is_your_order_number", fit for the API's id rule. */
export function idFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const lettered = /^[a-z]/.test(slug) ? slug : `q_${slug}`.replace(/_+$/, '');
  return lettered.slice(0, 40).replace(/_+$/, '') || 'question';
}

let nextKey = 0;
const newKey = () => `field-${++nextKey}`;

export function draftOf(field: PreChatField): DraftField {
  return {
    key: newKey(),
    id: field.id,
    idTouched: true,
    label: field.label,
    type: field.type,
    required: field.required,
    optionsText: (field.options ?? []).join('\n'),
    category: !!field.category,
  };
}

export function blankDraft(): DraftField {
  return {
    key: newKey(),
    id: '',
    idTouched: false,
    label: '',
    type: 'text',
    required: false,
    optionsText: '',
    category: false,
  };
}

export function optionsOf(draft: DraftField): string[] {
  return draft.optionsText
    .split('\n')
    .map((option) => option.trim())
    .filter(Boolean);
}

export function fieldOf(draft: DraftField): PreChatField {
  const choice = isChoice(draft.type);
  return {
    id: draft.id,
    label: draft.label.trim(),
    type: draft.type,
    required: draft.required,
    ...(choice ? { options: optionsOf(draft) } : {}),
    ...(draft.type === 'single-choice' && draft.category ? { category: true } : {}),
  };
}

export interface FieldProblem {
  label?: string;
  id?: string;
  options?: string;
}

/** What is wrong with each question (by its key), found before the API is asked. */
export function problemsOf(drafts: DraftField[]): Map<string, FieldProblem> {
  const problems = new Map<string, FieldProblem>();
  const seen = new Map<string, number>();
  for (const draft of drafts) seen.set(draft.id, (seen.get(draft.id) ?? 0) + 1);
  for (const draft of drafts) {
    const problem: FieldProblem = {};
    if (!draft.label.trim()) problem.label = 'Write the question.';
    if (!ID_PATTERN.test(draft.id))
      problem.id = 'Lowercase letters, digits and _, starting with a letter (at most 40).';
    else if ((seen.get(draft.id) ?? 0) > 1) problem.id = 'Another question has this id.';
    if (isChoice(draft.type)) {
      const options = optionsOf(draft);
      if (options.length < 2) problem.options = 'Give at least two options.';
      else if (options.length > MAX_OPTIONS) problem.options = `At most ${MAX_OPTIONS} options.`;
    }
    if (Object.keys(problem).length) problems.set(draft.key, problem);
  }
  return problems;
}
