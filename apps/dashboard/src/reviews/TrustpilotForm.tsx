import { TRUSTPILOT_LIMITS } from '@app/contracts';
import { useCallback, useState } from 'react';
import { CheckboxField, TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { useSubmit } from '../ui/useSubmit';
import { type TrustpilotConnection } from './reviewTypes';

/** The body of `PUT /api/integrations/trustpilot`, as the form sends it. */
export interface TrustpilotDraft {
  businessUnitId: string;
  apiKey?: string;
  apiSecret?: string;
  businessUserId: string | null;
  templateId: string | null;
  locale: string | null;
  senderName: string | null;
  senderEmail: string | null;
  replyTo: string | null;
  onlyRatedFourOrFive: boolean;
  enabled: boolean;
}

const orNull = (value: string) => value.trim() || null;

/**
 * Connects Trustpilot or changes its settings. The API key and secret are never shown: once
 * connected their fields stay empty, and are sent only when both are typed again. The fields
 * carry the API's names, so a 400 (credentials Trustpilot refused) shows under its field.
 */
export function TrustpilotForm({
  connection,
  onSubmit,
}: {
  connection: TrustpilotConnection | null;
  onSubmit(draft: TrustpilotDraft): Promise<void>;
}) {
  const [businessUnitId, setBusinessUnitId] = useState(connection?.businessUnitId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const [businessUserId, setBusinessUserId] = useState(connection?.businessUserId ?? '');
  const [templateId, setTemplateId] = useState(connection?.templateId ?? '');
  const [locale, setLocale] = useState(connection?.locale ?? '');
  const [senderName, setSenderName] = useState(connection?.senderName ?? '');
  const [senderEmail, setSenderEmail] = useState(connection?.senderEmail ?? '');
  const [replyTo, setReplyTo] = useState(connection?.replyTo ?? '');
  const [onlyRated, setOnlyRated] = useState(connection?.onlyRatedFourOrFive ?? false);
  const [enabled, setEnabled] = useState(connection?.enabled ?? true);
  const credentialsTyped = apiKey.trim() !== '' || apiSecret.trim() !== '';

  const submission = useSubmit(
    useCallback(
      () =>
        onSubmit({
          businessUnitId: businessUnitId.trim(),
          ...(credentialsTyped && { apiKey: apiKey.trim(), apiSecret: apiSecret.trim() }),
          businessUserId: orNull(businessUserId),
          templateId: orNull(templateId),
          locale: orNull(locale),
          senderName: orNull(senderName),
          senderEmail: orNull(senderEmail),
          replyTo: orNull(replyTo),
          onlyRatedFourOrFive: onlyRated,
          enabled,
        }),
      [
        onSubmit,
        businessUnitId,
        credentialsTyped,
        apiKey,
        apiSecret,
        businessUserId,
        templateId,
        locale,
        senderName,
        senderEmail,
        replyTo,
        onlyRated,
        enabled,
      ],
    ),
  );
  const keep = connection ? 'Leave empty to keep the stored one.' : undefined;

  return (
    <Form
      submission={submission}
      submitLabel={connection ? 'Save settings' : 'Connect Trustpilot'}
      sendingLabel="Checking with Trustpilot…"
      aria-label="Trustpilot settings"
      canSubmit={
        businessUnitId.trim() !== '' &&
        (connection !== null || (apiKey.trim() !== '' && apiSecret.trim() !== ''))
      }
    >
      <TextField
        label="Business unit id"
        name="businessUnitId"
        value={businessUnitId}
        onChange={setBusinessUnitId}
        maxLength={TRUSTPILOT_LIMITS.idLength}
        required
      />
      <TextField
        label="API key"
        name="apiKey"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        maxLength={TRUSTPILOT_LIMITS.credentialLength}
        hint={keep ?? 'From your Trustpilot application (client credentials).'}
      />
      <TextField
        label="API secret"
        name="apiSecret"
        type="password"
        value={apiSecret}
        onChange={setApiSecret}
        autoComplete="new-password"
        maxLength={TRUSTPILOT_LIMITS.credentialLength}
        hint={keep ?? 'Stored sealed; never shown again.'}
      />
      <TextField
        label="Business user id (optional)"
        name="businessUserId"
        value={businessUserId}
        onChange={setBusinessUserId}
        maxLength={TRUSTPILOT_LIMITS.idLength}
        hint="A Trustpilot user with the Admin or Manager role, if your account needs one."
      />
      <TextField
        label="Template id (optional)"
        name="templateId"
        value={templateId}
        onChange={setTemplateId}
        maxLength={TRUSTPILOT_LIMITS.idLength}
      />
      <TextField
        label="Locale (optional)"
        name="locale"
        value={locale}
        onChange={setLocale}
        placeholder="en-US"
      />
      <TextField
        label="Sender name (optional)"
        name="senderName"
        value={senderName}
        onChange={setSenderName}
        maxLength={TRUSTPILOT_LIMITS.senderNameLength}
      />
      <TextField
        label="Sender email (optional)"
        name="senderEmail"
        type="email"
        value={senderEmail}
        onChange={setSenderEmail}
        maxLength={TRUSTPILOT_LIMITS.emailLength}
      />
      <TextField
        label="Reply-to address (optional)"
        name="replyTo"
        type="email"
        value={replyTo}
        onChange={setReplyTo}
        maxLength={TRUSTPILOT_LIMITS.emailLength}
      />
      <CheckboxField
        label="Only when the conversation is rated 4 or 5"
        name="onlyRatedFourOrFive"
        checked={onlyRated}
        onChange={setOnlyRated}
        hint="The invitation waits for the visitor's rating; a lower rating, or none, skips it."
      />
      <CheckboxField
        label="Send invitations"
        name="enabled"
        checked={enabled}
        onChange={setEnabled}
      />
    </Form>
  );
}
