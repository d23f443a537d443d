import { unseal } from '@app/auth';
import { NotificationRequestedV1 } from '@app/contracts';
import { type TopicProbe } from '@app/testing';

/** The one-time token of an emailed link: it rides in the fragment (`#token=`). */
export function tokenOfLink(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in the fragment of ${link}`);
  return token;
}

/**
 * The token of the link mailed to `email` (`kind` of mail), read from the notification requests
 * on Kafka and unsealed, as the email service would before sending it.
 */
export async function emailedToken(
  mails: TopicProbe,
  email: string,
  kind: 'email-verification' | 'agent-invite',
  sealKey: string,
): Promise<string> {
  const mail = await mails.waitFor(
    (message) =>
      message.topic === NotificationRequestedV1.topic &&
      message.value.includes(`"${kind}"`) &&
      message.value.includes(email),
  );
  const payload = JSON.parse(mail.value).payload;
  return tokenOfLink(
    unseal((payload.verifyUrl ?? payload.acceptUrl).sealed, sealKey, 'notification-link'),
  );
}
