import { useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useLinkToken } from './linkToken';
import { type SignedIn, useSession } from './SessionProvider';

// A link works once: StrictMode's second effect run (and a re-render) must reuse the first call.
const verifications = new Map<string, Promise<SignedIn>>();

function verify(token: string): Promise<SignedIn> {
  let pending = verifications.get(token);
  if (!pending) {
    pending = api<SignedIn>('/api/tenant/auth/verify-email', {
      method: 'POST',
      body: { token },
      anonymous: true,
    });
    verifications.set(token, pending);
  }
  return pending;
}

/** The sign-up mail's link: confirms the address, which activates the account and signs in. */
export function VerifyEmailPage() {
  const token = useLinkToken();
  const { signIn } = useSession();
  const [state, setState] = useState<{ done?: boolean; error?: unknown }>({});

  useEffect(() => {
    if (!token) return;
    let current = true;
    verify(token)
      .then((answer) => signIn(answer))
      .then(
        () => current && setState({ done: true }),
        (error: unknown) => current && setState({ error }),
      );
    return () => {
      current = false;
    };
  }, [token, signIn]);

  if (state.done) return <Navigate to="/inbox" replace />;
  const failure =
    state.error ?? (!token && 'This link is incomplete. Open the link from the email again.');

  return (
    <AuthLayout
      title={failure ? 'Your email could not be confirmed' : 'Confirming your email'}
      footer={
        failure ? (
          <p>
            <Link to="/login">Sign in</Link> · <Link to="/signup">Create a workspace</Link>
          </p>
        ) : undefined
      }
    >
      {failure ? <ErrorMessage error={failure} /> : <Loading label="Confirming your email…" />}
    </AuthLayout>
  );
}
