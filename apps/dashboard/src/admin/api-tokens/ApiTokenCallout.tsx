import { useEffect, useRef } from 'react';
import { CopyButton } from '../../ui/CopyButton';
import type { NewApiToken } from './apiTokenTypes';

/** The new token, shown once: Parley keeps only its hash, so this is the one chance to copy it. */
export function ApiTokenCallout({ token, onDismiss }: { token: NewApiToken; onDismiss(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section
      className="callout"
      aria-labelledby="api-token-heading"
      data-testid="api-token-callout"
    >
      <div className="callout-header">
        <div>
          <h2 id="api-token-heading" ref={heading} tabIndex={-1}>
            API token {token.name}
          </h2>
          <p className="card-description">
            Your backend sends it as <code>Authorization: Bearer …</code> to any Parley API.
          </p>
        </div>
      </div>
      <p className="alert alert-warning" role="status">
        <strong>Copy it now: you will not see it again.</strong> Parley keeps only a fingerprint of
        the token. If you lose it, revoke it and create another.
      </p>
      <div className="secret">
        <code data-testid="api-token">{token.token}</code>
        <CopyButton text={token.token} label="Copy token" aria-label="Copy API token" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
