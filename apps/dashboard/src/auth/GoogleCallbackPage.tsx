import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { takeRememberedReturnPath } from '../layout/returnPath';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { type SignedIn, useSession } from './SessionProvider';

// The tenant service's `?error=` codes (docs/api.md), in words.
const GOOGLE_ERRORS: Record<string, string> = {
  no_account:
    'There is no Parley account for this Google address. Create a workspace, or ask your admin for an invitation.',
  deactivated:
    'This account has been deactivated. Ask an admin of your workspace to reactivate it.',
  email_not_verified:
    'Google has not verified this email address, so it cannot be used to sign in.',
  account_mismatch:
    'This Google account does not match the Parley account it was meant for. Sign in with the right Google account.',
  denied: 'Sign-in with Google was cancelled.',
  expired: 'The sign-in took too long. Please try again.',
  invalid_callback: 'The sign-in with Google could not be completed. Please try again.',
};

// A code works once: StrictMode's second effect run (and a re-render) must reuse the first call.
const exchanges = new Map<string, Promise<SignedIn>>();

function exchange(code: string): Promise<SignedIn> {
  let pending = exchanges.get(code);
  if (!pending) {
    pending = api<SignedIn>('/api/tenant/auth/google/exchange', {
      method: 'POST',
      body: { code },
      anonymous: true,
    });
    exchanges.set(code, pending);
  }
  return pending;
}

/** Where Google sends the browser back: trades the one-time code for a session. */
export function GoogleCallbackPage() {
  const [params] = useSearchParams();
  const { signIn } = useSession();
  const code = params.get('code');
  const errorCode = params.get('error');
  const [state, setState] = useState<{ done?: string; error?: unknown }>({});

  useEffect(() => {
    if (!code) return;
    let current = true;
    exchange(code)
      .then((answer) => signIn(answer))
      .then(
        () => current && setState({ done: takeRememberedReturnPath() }),
        (error: unknown) => current && setState({ error }),
      );
    return () => {
      current = false;
    };
  }, [code, signIn]);

  if (state.done) return <Navigate to={state.done} replace />;

  const failure =
    state.error ??
    (errorCode
      ? (GOOGLE_ERRORS[errorCode] ?? 'The sign-in with Google failed. Please try again.')
      : !code && 'This page is where Google sends you back after signing in; nothing to do here.');

  return (
    <AuthLayout
      title={failure ? 'Google sign-in failed' : 'Signing you in'}
      footer={
        failure ? (
          <p>
            <Link to="/login">Back to sign in</Link> · <Link to="/signup">Create a workspace</Link>
          </p>
        ) : undefined
      }
    >
      {failure ? <ErrorMessage error={failure} /> : <Loading label="Signing you in with Google…" />}
    </AuthLayout>
  );
}
