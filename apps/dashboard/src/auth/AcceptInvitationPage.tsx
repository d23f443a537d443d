import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { ErrorMessage } from '../ui/ErrorMessage';
import { TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { GoogleLink } from '../ui/GoogleLink';
import { PasswordField } from '../ui/PasswordField';
import { useSubmit } from '../ui/useSubmit';
import { useLinkToken } from './linkToken';
import { type SignedIn, useSession } from './SessionProvider';

/** An invited agent sets a password (or uses Google with the invited address) and is signed in. */
export function AcceptInvitationPage() {
  const token = useLinkToken();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [googleError, setGoogleError] = useState<unknown>();

  const submission = useSubmit(
    useCallback(async () => {
      const answer = await api<SignedIn>('/api/tenant/auth/invitations/accept', {
        method: 'POST',
        body: { token, password, name: name.trim() || undefined },
        anonymous: true,
      });
      await signIn(answer);
      navigate('/inbox', { replace: true });
    }, [token, password, name, signIn, navigate]),
  );

  const footer = (
    <p>
      Already set up? <Link to="/login">Sign in</Link>
    </p>
  );

  if (!token)
    return (
      <AuthLayout title="Accept your invitation" footer={footer}>
        <ErrorMessage error="This invitation link is incomplete. Open the link from the invitation email again." />
      </AuthLayout>
    );

  return (
    <AuthLayout
      title="Join your team on Parley"
      subtitle="Choose a password to accept the invitation."
      footer={footer}
    >
      <Form
        submission={submission}
        submitLabel="Accept invitation"
        sendingLabel="Accepting…"
        aria-label="Accept invitation"
      >
        <TextField
          label="Your name (optional)"
          name="name"
          hint="Leave it empty to keep the name your admin entered."
          autoComplete="name"
          value={name}
          onChange={setName}
        />
        <PasswordField value={password} onChange={setPassword} isNew />
      </Form>
      <p className="divider">or</p>
      <GoogleLink
        href="/api/tenant/auth/google?mode=login"
        label="Accept with Google"
        onFollow={(event) => {
          // The invitation goes along in a body (a URL would put it in access logs).
          event.preventDefault();
          void startGoogleWithInvitation(token).catch(setGoogleError);
        }}
      />
      {googleError ? <ErrorMessage error={googleError} /> : null}
      <p className="field-hint centered">
        Use the Google account of the address you were invited at.
      </p>
    </AuthLayout>
  );
}

/** Starts Google sign-in carrying the invitation, then leaves for the provider. */
async function startGoogleWithInvitation(invitationToken: string): Promise<void> {
  const { url } = await api<{ url: string }>('/api/tenant/auth/google/start', {
    method: 'POST',
    body: { invitationToken },
    anonymous: true,
  });
  window.location.assign(url);
}
