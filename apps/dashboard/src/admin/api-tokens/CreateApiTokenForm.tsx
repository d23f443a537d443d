import { API_TOKEN_LIMITS } from '@app/contracts';
import { useCallback, useId, useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/SessionProvider';
import { CheckboxField, TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useFieldError } from '../../ui/formContext';
import { useSubmit } from '../../ui/useSubmit';
import { PERMISSION_LABELS } from '../roles/permissionLabels';
import { MANAGEMENT_PATH, expiryOfDay, type NewApiToken } from './apiTokenTypes';

const FIELD_OF_CODE = { name_taken: 'name', grant_exceeds_own: 'permissions' };

/** A new token: a name, some of the permissions the admin holds (never more), an optional expiry. */
export function CreateApiTokenForm({ onCreated }: { onCreated(token: NewApiToken): void }) {
  const { can } = useSession();
  // A token can never manage tokens (those routes are for people), so that one is not offered.
  const grantable = Object.keys(PERMISSION_LABELS).filter(
    (permission) => permission !== 'api-tokens:manage' && can(permission),
  );
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const submission = useSubmit(
    useCallback(async () => {
      const created = await api<NewApiToken>(MANAGEMENT_PATH, {
        method: 'POST',
        body: { name: name.trim(), permissions, expiresAt: expiryOfDay(expiresOn) },
      });
      setName('');
      setPermissions([]);
      setExpiresOn('');
      onCreated(created);
    }, [name, permissions, expiresOn, onCreated]),
    FIELD_OF_CODE,
  );
  const toggle = (permission: string, on: boolean) =>
    setPermissions((before) =>
      on ? [...before, permission] : before.filter((held) => held !== permission),
    );

  return (
    <Form
      submission={submission}
      submitLabel="Create token"
      sendingLabel="Creating…"
      aria-label="Create an API token"
      canSubmit={name.trim() !== '' && permissions.length > 0}
    >
      <TextField
        label="Name"
        name="name"
        placeholder="e.g. CRM sync"
        hint="Says which system uses it."
        value={name}
        onChange={setName}
        maxLength={API_TOKEN_LIMITS.nameLength}
        required
      />
      <PermissionChoices choices={grantable} value={permissions} onToggle={toggle} />
      <TextField
        label="Expires on (optional)"
        name="expiresAt"
        type="date"
        hint="Empty: the token works until it is revoked."
        value={expiresOn}
        onChange={setExpiresOn}
      />
    </Form>
  );
}

/** Only what the admin holds can be given; the 400 or 403 of `permissions` shows under them. */
function PermissionChoices({
  choices,
  value,
  onToggle,
}: {
  choices: string[];
  value: string[];
  onToggle(permission: string, on: boolean): void;
}) {
  const errorId = useId();
  const error = useFieldError('permissions');
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>Permissions</legend>
      <p className="field-hint">You can give only permissions you hold yourself.</p>
      <div className="choice-list">
        {choices.map((permission) => (
          <CheckboxField
            key={permission}
            label={`${PERMISSION_LABELS[permission].title} (${permission})`}
            name={`permission-${permission}`}
            hint={PERMISSION_LABELS[permission].description}
            checked={value.includes(permission)}
            onChange={(on) => onToggle(permission, on)}
          />
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
