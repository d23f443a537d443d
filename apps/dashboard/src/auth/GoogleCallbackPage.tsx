import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { takeRememberedReturnPath } from '../layout/returnPath';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Form } from '../ui/Form';
import { Loading } from '../ui/Loading';
import { PasswordField } from '../ui/PasswordField';
import { useSubmit } from '../ui/useSubmit';
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
  invalid_invitation:
    'This invitation is no longer valid: it has expired or was already used. Ask your admin for a new one.',
  invitation_mismatch:
    'This Google account is not the address you were invited at. Use the Google account of the invited address.',
  email_taken:
    'This address already has a Parley account, so the invitation cannot make another. Sign in with it instead.',
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

/**
 * Where Google sends the browser back: trades the one-time code (in the fragment, which no
 * server sees) for a session, or asks for the password of the account to link Google to.
 */
export function GoogleCallbackPage() {
  const [params] = useSearchParams();
  const fragment = new URLSearchParams(useLocation().hash.slice(1));
  const { signIn } = useSession();
  const code = fragment.get('code');
  const linkCode = fragment.get('link');
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
  if (linkCode) return <LinkGoogle code={linkCode} />;

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

/**
 * The address already has a Parley account with a password: Google is linked to it only once
 * that password is given, so owning the address at Google alone takes over no account.
 */
function LinkGoogle({ code }: { code: string }) {
  const { signIn } = useSession();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string>();
  const submission = useSubmit(
    useCallback(async () => {
      const answer = await api<SignedIn>('/api/tenant/auth/google/link', {
        method: 'POST',
        body: { code, password },
        anonymous: true,
      });
      await signIn(answer);
      setDone(takeRememberedReturnPath());
    }, [code, password, signIn]),
  );

  if (done) return <Navigate to={done} replace />;
  return (
    <AuthLayout
      title="Link your Google account"
      subtitle="This email already has a Parley account with a password. Enter it once to sign in with Google from now on."
      footer={
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      }
    >
      <Form
        submission={submission}
        submitLabel="Link and sign in"
        sendingLabel="Linking…"
        aria-label="Link Google"
      >
        <PasswordField value={password} onChange={setPassword} />
      </Form>
    </AuthLayout>
  );
}
