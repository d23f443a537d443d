import { type ReactNode, useCallback, useId, useRef } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { useSubmit } from './useSubmit';

interface ConfirmButtonProps {
  /** The button's text. */
  label: string;
  /** Names the button for screen readers and tests when `label` alone is ambiguous ("Delete"). */
  'aria-label'?: string;
  /** The question the dialog asks. */
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<unknown>;
  className?: string;
  disabled?: boolean;
}

/**
 * A button that asks first, in a modal dialog (Escape or Cancel backs out), and runs
 * `onConfirm` only when confirmed; a failure is shown in the dialog.
 */
export function ConfirmButton({
  label,
  'aria-label': ariaLabel,
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  className = 'button',
  disabled,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const confirm = useSubmit(
    useCallback(async () => {
      await onConfirm();
      dialog.current?.close();
    }, [onConfirm]),
  );

  const open = () => {
    confirm.clearError();
    dialog.current?.showModal();
  };

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={open}
        disabled={disabled}
        aria-label={ariaLabel}
      >
        {label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <ErrorMessage error={confirm.error} />
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            onClick={() => dialog.current?.close()}
            disabled={confirm.sending}
          >
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button danger' : 'button primary'}
            onClick={() => void confirm.run()}
            disabled={confirm.sending}
          >
            {confirm.sending ? `${confirmLabel}…` : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
