import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSubmit } from '../ui/useSubmit';

// Only a local run (npm start) has the mail catcher; a real deployment sends real mail.
const RUNNING_LOCALLY = ['localhost', '127.0.0.1'].includes(window.location.hostname);

/**
 * What a sign-up waiting for its emailed link shows: where the link went, and a way to get a
 * new one (the server answers alike for any address and limits how often).
 */
export function CheckYourEmail({ email }: { email: string }) {
  const [resent, setResent] = useState(false);
  const resend = useSubmit(
    useCallback(async () => {
      await api('/api/tenant/auth/verify-email/resend', {
        method: 'POST',
        body: { email },
        anonymous: true,
      });
      setResent(true);
    }, [email]),
  );

  return (
    <div className="stack">
      <p className="alert alert-success" role="status">
        We sent a link to <strong>{email}</strong>. Open it to confirm your address and start using
        your workspace; it works once, within 24 hours.
      </p>
      {RUNNING_LOCALLY && (
        <p className="field-hint">
          Running Parley on your own machine with <code>npm start</code>? The mail is in the local
          mail catcher at <a href="http://127.0.0.1:1080/">127.0.0.1:1080</a>.
        </p>
      )}
      {resend.error ? <ErrorMessage error={resend.error} /> : null}
      {resent ? (
        <p role="status">A new link is on its way.</p>
      ) : (
        <button
          type="button"
          className="link-button"
          disabled={resend.sending}
          onClick={() => void resend.run()}
        >
          {resend.sending ? 'Sending…' : 'Send the link again'}
        </button>
      )}
    </div>
  );
}
