import { useEffect, useState } from 'react';

// The Clipboard API needs a secure context (https or localhost); elsewhere, the old way.
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const scratch = document.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.style.position = 'fixed';
  scratch.style.opacity = '0';
  document.body.appendChild(scratch);
  scratch.select();
  const copied = document.execCommand('copy');
  scratch.remove();
  if (!copied) throw new Error('copy refused');
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` and says so for two seconds ("Copied"), or asks to copy by hand. */
export function CopyButton({
  text,
  label = 'Copy',
  'aria-label': ariaLabel,
}: {
  text: string;
  label?: string;
  'aria-label'?: string;
}) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = () =>
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );

  return (
    <span className="copy-button">
      <button
        type="button"
        className="button small"
        onClick={() => void copy()}
        aria-label={ariaLabel}
      >
        {state === 'copied' ? '✓ Copied' : label}
      </button>
      <span className={state === 'failed' ? 'copy-status' : 'sr-only'} role="status">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Select and copy it by hand'
            : ''}
      </span>
    </span>
  );
}
