import { useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import type { EmbedOptions } from '../../shared/embed-options';
import type { ApiFailure } from '../../shared/http';
import { uploadImage } from '../../shared/widget-api';
import { FieldError, LabelText } from './field-label';

interface ImageFieldProps {
  id: string;
  label: string;
  required: boolean;
  embed: EmbedOptions;
  /** The upload's id once it is stored; '' when none. */
  value: string;
  error?: string;
  strings: Strings;
  onChange(uploadId: string): void;
}

function uploadFailure(failure: ApiFailure, strings: Strings): string {
  // 404: a server without uploads; 503: its object store is down. Either way, not now.
  if (failure.status === 404 || failure.status === 503) return strings.uploadsUnavailable;
  if (failure.status === 413) return strings.imageTooLarge;
  if (failure.status === 415) return strings.imageRefused;
  if (failure.status === 0) return strings.offline;
  return strings.failed;
}

/** A journey's image question: the file is uploaded when chosen, its id is the answer. */
export function ImageField(props: ImageFieldProps) {
  const { id, label, required, strings } = props;
  const [status, setStatus] = useState<{ uploading?: boolean; name?: string; problem?: string }>(
    {},
  );
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const problem = status.problem ?? props.error;

  const choose = async (file: File | undefined) => {
    props.onChange('');
    if (!file) return setStatus({});
    setStatus({ uploading: true });
    const answer = await uploadImage(props.embed, file);
    if (!answer.ok) return setStatus({ problem: uploadFailure(answer.failure, strings) });
    setStatus({ name: file.name });
    props.onChange(answer.data.id);
  };

  return (
    <div class="parley-field">
      <label class="parley-label" for={id}>
        <LabelText label={label} required={required} strings={strings} />
      </label>
      <input
        id={id}
        class="parley-input"
        type="file"
        accept="image/*"
        required={required}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? errorId : statusId}
        data-autofocus=""
        onChange={(event) => void choose(event.currentTarget.files?.[0])}
      />
      <p id={statusId} class="parley-intro" aria-live="polite">
        {status.uploading
          ? strings.imageUploading
          : status.name
            ? strings.imageAdded(status.name)
            : props.value
              ? strings.imageKept
              : ''}
      </p>
      <FieldError id={errorId} message={problem} />
    </div>
  );
}
