import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import type { Role } from './roleTypes';

const FIELD_OF_CODE = { role_name_taken: 'name' };

/** A new role, with no permission yet: they are ticked in the matrix. */
export function CreateRoleForm({ onCreated }: { onCreated(role: Role): void }) {
  const [name, setName] = useState('');
  const submission = useSubmit(
    useCallback(async () => {
      onCreated(await api<Role>('/api/tenant/roles', { method: 'POST', body: { name } }));
      setName('');
    }, [name, onCreated]),
    FIELD_OF_CODE,
  );

  return (
    <Form
      submission={submission}
      submitLabel="Create role"
      sendingLabel="Creating…"
      aria-label="Add a role"
    >
      <TextField
        label="Role name"
        name="name"
        placeholder="e.g. Supervisor"
        value={name}
        onChange={setName}
        required
      />
    </Form>
  );
}
