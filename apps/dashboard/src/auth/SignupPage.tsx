import { useCallback, useRef, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../api/client';
import { AuthLayout } from '../layout/AuthLayout';
import { rememberReturnPath, useReturnPath } from '../layout/returnPath';
import { TextField } from '../ui/fields';
import { EmailField } from '../ui/EmailField';
import { Form } from '../ui/Form';
import { GoogleLink } from '../ui/GoogleLink';
import { PasswordField } from '../ui/PasswordField';
import { useSubmit } from '../ui/useSubmit';
import { CheckYourEmail } from './CheckYourEmail';
import { useSession } from './SessionProvider';

const FIELD_OF_CODE = { email_taken: 'email' };

/**
 * Creates a workspace (tenant) and its first admin, by password or with Google. A password
 * sign-up is active once the emailed link confirms the address.
 */
export function SignupPage() {
  const { me } = useSession();
  const returnPath = useReturnPath();
  const [tenantName, setTenantName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [googleNeedsWorkspace, setGoogleNeedsWorkspace] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const form = useRef<HTMLDivElement>(null);

  const submission = useSubmit(
    useCallback(async () => {
      const answer = await api<{ user: { email: string } }>('/api/tenant/auth/signup', {
        method: 'POST',
        body: { tenantName, name, email, password },
        anonymous: true,
      });
      setSentTo(answer.user.email);
    }, [tenantName, name, email, password]),
    FIELD_OF_CODE,
  );

  if (me) return <Navigate to={returnPath} replace />;

  if (sentTo)
    return (
      <AuthLayout
        title="Check your email"
        subtitle="One step left: confirm your address."
        footer={
          <p>
            Confirmed already? <Link to="/login">Sign in</Link>
          </p>
        }
      >
        <CheckYourEmail email={sentTo} />
      </AuthLayout>
    );

  const googleHref = `/api/tenant/auth/google?${new URLSearchParams({
    mode: 'signup',
    tenantName: tenantName.trim(),
  })}`;

  return (
    <AuthLayout
      title="Create your workspace"
      subtitle="Set up live chat for your website in a couple of minutes."
      footer={
        <p>
          Already have an account?{' '}
          <Link to="/login" state={{ from: returnPath }}>
            Sign in
          </Link>
        </p>
      }
    >
      <div ref={form}>
        <Form
          submission={submission}
          submitLabel="Create workspace"
          sendingLabel="Creating workspace…"
          aria-label="Sign up"
        >
          <TextField
            label="Workspace name"
            name="tenantName"
            hint="Usually your company or team."
            autoComplete="organization"
            value={tenantName}
            onChange={(value) => {
              setTenantName(value);
              setGoogleNeedsWorkspace(false);
            }}
            error={googleNeedsWorkspace ? 'Enter a workspace name first.' : undefined}
            required
            autoFocus
          />
          <TextField
            label="Your name"
            name="name"
            autoComplete="name"
            value={name}
            onChange={setName}
            required
          />
          <EmailField label="Work email" value={email} onChange={setEmail} />
          <PasswordField value={password} onChange={setPassword} isNew />
        </Form>
      </div>
      <p className="divider">or</p>
      <GoogleLink
        href={googleHref}
        label="Sign up with Google"
        onFollow={(event) => {
          // Google sign-up creates the workspace too, so it needs the workspace's name.
          if (!tenantName.trim()) {
            event.preventDefault();
            setGoogleNeedsWorkspace(true);
            form.current?.querySelector<HTMLInputElement>('input[name="tenantName"]')?.focus();
            return;
          }
          rememberReturnPath(returnPath);
        }}
      />
    </AuthLayout>
  );
}
