import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Form } from '../ui/Form';
import { PasswordField } from '../ui/PasswordField';
import { useSubmit } from '../ui/useSubmit';
import { useLinkToken } from './linkToken';
import { useSession } from './SessionProvider';

/** The emailed reset link's page: a new password, after which every session is signed out. */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const { me, signOut } = useSession();
  const [password, setPassword] = useState('');
  const navigate = useNavigate();

  const submission = useSubmit(
    useCallback(async () => {
      await api('/api/tenant/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, password },
        anonymous: true,
      });
      // The server has ended every session, this tab's too.
      if (me) await signOut();
      navigate('/login', {
        replace: true,
        state: {
          notice:
            'Your new password is set and every session of your account was signed out. Sign in with the new password.',
        },
      });
    }, [token, password, me, signOut, navigate]),
  );

  const footer = (
    <p>
      <Link to="/login">Back to sign in</Link>
    </p>
  );

  return (
    <AuthLayout title="Choose a new password" footer={footer}>
      {token ? (
        <Form
          submission={submission}
          submitLabel="Set new password"
          sendingLabel="Saving…"
          aria-label="Reset password"
        >
          <PasswordField label="New password" value={password} onChange={setPassword} isNew />
        </Form>
      ) : (
        <ErrorMessage error="This reset link is incomplete. Open the link from the email again, or ask for a new one from the sign-in page." />
      )}
    </AuthLayout>
  );
}
