import { useCallback, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { api, ApiError } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { rememberReturnPath, useReturnPath } from '../layout/returnPath';
import { EmailField } from '../ui/EmailField';
import { Form } from '../ui/Form';
import { GoogleLink } from '../ui/GoogleLink';
import { PasswordField } from '../ui/PasswordField';
import { useSubmit } from '../ui/useSubmit';
import { CheckYourEmail } from './CheckYourEmail';
import { type SignedIn, useSession } from './SessionProvider';

/** Sign-in by email and password or Google, and the "forgot password" request. */
export function LoginPage() {
  const { me } = useSession();
  const returnPath = useReturnPath();
  const [forgotten, setForgotten] = useState(false);
  const [email, setEmail] = useState('');
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  // Signing in sets `me`; this page then sends the user on to where they were going.
  if (me) return <Navigate to={returnPath} replace />;

  if (forgotten)
    return (
      <ForgotPassword email={email} onEmailChange={setEmail} onBack={() => setForgotten(false)} />
    );

  return (
    <AuthLayout
      title="Sign in to Parley"
      subtitle="Welcome back. Sign in to answer your visitors."
      footer={
        <p>
          New to Parley?{' '}
          <Link to="/signup" state={{ from: returnPath }}>
            Create a workspace
          </Link>
        </p>
      }
    >
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <SignInForm email={email} onEmailChange={setEmail} onForgot={() => setForgotten(true)} />
      <p className="divider">or</p>
      <GoogleLink
        href="/api/tenant/auth/google?mode=login"
        label="Sign in with Google"
        onFollow={() => rememberReturnPath(returnPath)}
      />
    </AuthLayout>
  );
}

function SignInForm({
  email,
  onEmailChange,
  onForgot,
}: {
  email: string;
  onEmailChange(email: string): void;
  onForgot(): void;
}) {
  const { signIn } = useSession();
  const [password, setPassword] = useState('');
  const submission = useSubmit(
    useCallback(async () => {
      const answer = await api<SignedIn>('/api/tenant/auth/login', {
        method: 'POST',
        body: { email, password },
        anonymous: true,
      });
      await signIn(answer);
    }, [email, password, signIn]),
  );

  const unverified =
    submission.error instanceof ApiError && submission.error.code === 'email_not_verified';

  return (
    <>
      <Form
        submission={submission}
        submitLabel="Sign in"
        sendingLabel="Signing in…"
        aria-label="Sign in"
      >
        <EmailField value={email} onChange={onEmailChange} autoFocus />
        <PasswordField value={password} onChange={setPassword} />
        <button type="button" className="link-button forgot-link" onClick={onForgot}>
          Forgot your password?
        </button>
      </Form>
      {unverified && <CheckYourEmail email={email} />}
    </>
  );
}

function ForgotPassword({
  email,
  onEmailChange,
  onBack,
}: {
  email: string;
  onEmailChange(email: string): void;
  onBack(): void;
}) {
  const [sentTo, setSentTo] = useState<string>();
  const submission = useSubmit(
    useCallback(async () => {
      await api('/api/tenant/auth/password-reset', {
        method: 'POST',
        body: { email },
        anonymous: true,
      });
      setSentTo(email);
    }, [email]),
  );

  const back = (
    <button type="button" className="link-button" onClick={onBack}>
      ← Back to sign in
    </button>
  );

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We will email you a link to choose a new password."
      footer={back}
    >
      {sentTo ? (
        <p className="alert alert-success" role="status">
          If an account exists for <strong>{sentTo}</strong>, an email with a link to reset its
          password is on its way. The link works once, within 30 minutes.
        </p>
      ) : (
        <Form
          submission={submission}
          submitLabel="Email me a reset link"
          sendingLabel="Sending…"
          aria-label="Forgot password"
        >
          <EmailField value={email} onChange={onEmailChange} autoFocus />
        </Form>
      )}
    </AuthLayout>
  );
}
