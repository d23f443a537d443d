import { NotificationRequestedV1 } from '@app/contracts';
import { TopicProbe } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { call } from './chat/http';
import { emailedToken } from './emailed-links';

export interface Workspace {
  tenantId: string;
  adminId: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * A workspace signed up through the public API at `base`, its admin having followed the emailed
 * verification link (read from Kafka and opened with the services' `sealKey`).
 */
export async function signUpWorkspace(
  base: string,
  sealKey: string,
  name: string,
): Promise<Workspace> {
  const email = `bench-${randomUUID()}@example.test`;
  const mails = await TopicProbe.start([NotificationRequestedV1.topic]);
  try {
    await call(base, 'POST', '/api/tenant/auth/signup', {
      body: { tenantName: name, name: 'Ada Admin', email, password: 'correct horse 42' },
    });
    const token = await emailedToken(mails, email, 'email-verification', sealKey);
    const session = await call<{
      accessToken: string;
      refreshToken: string;
      user: { id: string };
      tenant: { id: string };
    }>(base, 'POST', '/api/tenant/auth/verify-email', { body: { token } });
    return {
      tenantId: session.tenant.id,
      adminId: session.user.id,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
    };
  } finally {
    await mails.stop();
  }
}

/** A fresh access token (they last 10 minutes), as the dashboard gets one; the refresh rotates. */
export async function refreshedToken(base: string, workspace: Workspace): Promise<string> {
  const session = await call<{ accessToken: string; refreshToken: string }>(
    base,
    'POST',
    '/api/tenant/auth/refresh',
    { body: { refreshToken: workspace.refreshToken } },
  );
  workspace.refreshToken = session.refreshToken;
  workspace.accessToken = session.accessToken;
  return session.accessToken;
}
