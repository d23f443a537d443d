import { KNOWN_ATTACHMENT_TYPES } from '@app/contracts/attachments';

/** What each content type is called on the settings page. */
const TYPE_LABELS: Record<(typeof KNOWN_ATTACHMENT_TYPES)[number], string> = {
  'image/png': 'PNG images',
  'image/jpeg': 'JPEG photos',
  'image/gif': 'GIF images',
  'image/webp': 'WebP images',
  'application/pdf': 'PDF documents',
  'text/plain': 'Plain text',
  'application/zip': 'ZIP archives',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word documents',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheets',
};

/** The kinds of files visitors and agents may send, at least one (chat checks each by its bytes). */
export function AttachmentTypesField({
  value,
  onChange,
}: {
  value: string[];
  onChange(types: string[]): void;
}) {
  const toggle = (type: string, on: boolean) =>
    onChange(on ? [...value, type] : value.filter((kept) => kept !== type));
  return (
    <fieldset className="fieldset">
      <legend>Files in conversations</legend>
      <p className="field-hint">
        Visitors and agents may send these. Each file is recognised by its content, not its name;
        images are sent without their location and camera data.
      </p>
      <div className="form-grid">
        {KNOWN_ATTACHMENT_TYPES.map((type) => (
          <div key={type} className="checkbox-field">
            <input
              id={`attachment-type-${type}`}
              type="checkbox"
              checked={value.includes(type)}
              // The last one stays: a workspace accepts at least one kind.
              disabled={value.length === 1 && value.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
            />
            <label htmlFor={`attachment-type-${type}`}>{TYPE_LABELS[type]}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
