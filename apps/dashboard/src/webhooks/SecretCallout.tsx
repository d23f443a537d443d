import { useEffect, useRef } from 'react';
import { CopyButton } from '../ui/CopyButton';

/**
 * An endpoint's signing secret, shown once after creation or rotation: Parley keeps it sealed
 * and never shows it again.
 */
export function SecretCallout({
  url,
  secret,
  onDismiss,
}: {
  url: string;
  secret: string;
  onDismiss(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section className="callout" aria-labelledby="webhook-secret-heading">
      <h2 id="webhook-secret-heading" ref={heading} tabIndex={-1}>
        Signing secret for {url}
      </h2>
      <p className="alert alert-warning" role="status">
        <strong>Copy it now: it will not be shown again.</strong> Your receiver checks each
        delivery&apos;s <code>Parley-Signature</code> header with it (the README shows how).
      </p>
      <div className="secret">
        <code data-testid="webhook-secret">{secret}</code>
        <CopyButton text={secret} label="Copy secret" aria-label="Copy signing secret" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
