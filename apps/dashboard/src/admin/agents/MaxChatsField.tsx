import { TextField } from '../../ui/fields';

/** How many chats the agent may hold at once; auto-assignment stops there. */
export function MaxChatsField({
  value,
  onChange,
}: {
  value: string;
  onChange(value: string): void;
}) {
  return (
    <TextField
      label="Max concurrent chats"
      name="maxConcurrentChats"
      type="number"
      inputMode="numeric"
      min={0}
      max={100}
      value={value}
      onChange={onChange}
      hint="0 to 100. Auto-assignment gives no more chats than this."
    />
  );
}

/** The field's text as the API wants it: a whole number, or undefined when left empty. */
export function maxChatsOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
