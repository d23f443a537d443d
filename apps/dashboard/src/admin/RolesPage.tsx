import { useCallback } from 'react';
import { RequirePermission } from '../layout/RequirePermission';
import { useSession } from '../auth/SessionProvider';
import { Card } from '../ui/Card';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { CreateRoleForm } from './roles/CreateRoleForm';
import { PermissionMatrix } from './roles/PermissionMatrix';
import type { Role } from './roles/roleTypes';

/** Roles and what each may do. */
export function RolesPage() {
  return (
    <RequirePermission permission="roles:manage">
      <Roles />
    </RequirePermission>
  );
}

function Roles() {
  const { reloadMe } = useSession();
  const roles = useApi<{ roles: Role[] }>('/api/tenant/roles');
  const permissions = useApi<{ permissions: string[] }>('/api/tenant/permissions');
  const { setData } = roles;

  const changed = useCallback(
    (role: Role) => {
      setData(
        (answer) =>
          answer && { roles: answer.roles.map((other) => (other.id === role.id ? role : other)) },
      );
      // The signed-in user may hold the role: their navigation follows.
      void reloadMe();
    },
    [setData, reloadMe],
  );
  const created = useCallback(
    (role: Role) => setData((answer) => answer && { roles: [...answer.roles, role] }),
    [setData],
  );
  const deleted = useCallback(
    (roleId: string) =>
      setData((answer) => answer && { roles: answer.roles.filter((role) => role.id !== roleId) }),
    [setData],
  );

  return (
    <>
      <PageHeader
        title="Roles"
        description="An agent may do what any of their roles allows. A change reaches signed-in agents when their session next refreshes, within 10 minutes."
      />
      <div className="stack">
        <Card
          title="Permissions"
          description="Tick to grant, untick to withdraw: each change is saved at once."
        >
          <Loaded resource={roles} loadingLabel="Loading roles…">
            {({ roles: list }) => (
              <Loaded resource={permissions}>
                {({ permissions: all }) => (
                  <PermissionMatrix
                    roles={list}
                    permissions={all}
                    onRoleChanged={changed}
                    onRoleDeleted={deleted}
                  />
                )}
              </Loaded>
            )}
          </Loaded>
        </Card>
        <Card title="Add a role" className="narrow-card">
          <CreateRoleForm onCreated={created} />
        </Card>
      </div>
    </>
  );
}
