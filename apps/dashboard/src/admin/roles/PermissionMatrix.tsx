import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PERMISSION_LABELS, permissionTitle } from './permissionLabels';
import { RoleActions } from './RoleActions';
import type { Role } from './roleTypes';

interface PermissionMatrixProps {
  roles: Role[];
  permissions: string[];
  onRoleChanged(role: Role): void;
  onRoleDeleted(roleId: string): void;
}

/**
 * Permissions down, roles across (a workspace has a few roles, and each permission needs its
 * words): each checkbox grants or withdraws one permission at once. The Admin role holds every
 * permission, always, so its column cannot be changed.
 */
export function PermissionMatrix({
  roles,
  permissions,
  onRoleChanged,
  onRoleDeleted,
}: PermissionMatrixProps) {
  // The box shows the change at once; a refusal puts it back.
  const [pending, setPending] = useState<{ cell: string; grant: boolean }>();
  const [error, setError] = useState<unknown>();

  const toggle = async (role: Role, permission: string, grant: boolean) => {
    setPending({ cell: `${role.id}/${permission}`, grant });
    setError(undefined);
    try {
      const path = `/api/tenant/roles/${role.id}/permissions/${encodeURIComponent(permission)}`;
      onRoleChanged(await api<Role>(path, { method: grant ? 'PUT' : 'DELETE' }));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(undefined);
    }
  };

  return (
    <>
      <ErrorMessage error={error} />
      <div className="table-wrap">
        <table className="table matrix" aria-label="Permissions of each role">
          <thead>
            <tr>
              <th scope="col">Permission</th>
              {roles.map((role) => (
                <th key={role.id} scope="col" className="matrix-role">
                  <span className="matrix-role-name">{role.name}</span>
                  {role.builtIn && <span className="matrix-role-note">Built-in</span>}
                  {role.builtIn !== 'admin' && (
                    <span className="matrix-role-actions">
                      <RoleActions
                        role={role}
                        onRenamed={onRoleChanged}
                        onDeleted={onRoleDeleted}
                      />
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {permissions.map((permission) => (
              <tr key={permission}>
                <th scope="row">
                  <span className="cell-title">{permissionTitle(permission)}</span>{' '}
                  <code className="matrix-code">{permission}</code>
                  {PERMISSION_LABELS[permission] && (
                    <span className="cell-sub matrix-description">
                      {PERMISSION_LABELS[permission].description}
                    </span>
                  )}
                </th>
                {roles.map((role) => {
                  const cell = `${role.id}/${permission}`;
                  return (
                    <td key={role.id} className="matrix-cell">
                      <input
                        type="checkbox"
                        aria-label={`${role.name}: ${permission}`}
                        checked={
                          pending?.cell === cell
                            ? pending.grant
                            : role.permissions.includes(permission)
                        }
                        disabled={role.builtIn === 'admin' || pending?.cell === cell}
                        title={
                          role.builtIn === 'admin'
                            ? 'The Admin role always holds every permission'
                            : undefined
                        }
                        onChange={(event) => void toggle(role, permission, event.target.checked)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
