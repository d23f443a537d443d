import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import type { Role } from './roleTypes';

const FIELD_OF_CODE = { role_name_taken: 'name' };

/** Rename (in a small dialog) and delete, for one role of the matrix. */
export function RoleActions({
  role,
  onRenamed,
  onDeleted,
}: {
  role: Role;
  onRenamed(role: Role): void;
  onDeleted(roleId: string): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(role.name);
  const path = `/api/tenant/roles/${role.id}`;

  const rename = useSubmit(
    useCallback(async () => {
      onRenamed(await api<Role>(path, { method: 'PATCH', body: { name } }));
      dialog.current?.close();
    }, [path, name, onRenamed]),
    FIELD_OF_CODE,
  );

  const open = () => {
    setName(role.name);
    rename.clearError();
    dialog.current?.showModal();
  };

  const remove = async () => {
    await api(path, { method: 'DELETE' });
    onDeleted(role.id);
  };

  return (
    <>
      <button
        type="button"
        className="button small"
        onClick={open}
        aria-label={`Rename ${role.name}`}
      >
        Rename
      </button>
      <dialog ref={dialog} className="dialog" aria-label={`Rename ${role.name}`}>
        <h2>Rename {role.name}</h2>
        <Form
          submission={rename}
          submitLabel="Rename"
          sendingLabel="Renaming…"
          canSubmit={name.trim() !== '' && name.trim() !== role.name}
          actions={
            <button type="button" className="button ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          }
        >
          <TextField label="Name" name="name" value={name} onChange={setName} required />
        </Form>
      </dialog>
      {!role.builtIn && (
        <ConfirmButton
          label="Delete"
          aria-label={`Delete ${role.name}`}
          className="button small danger-outline"
          title={`Delete the ${role.name} role?`}
          confirmLabel="Delete role"
          danger
          onConfirm={remove}
        >
          Only a role no agent holds can be deleted.
        </ConfirmButton>
      )}
    </>
  );
}
