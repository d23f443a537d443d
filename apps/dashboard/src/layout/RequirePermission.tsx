import type { ReactNode } from 'react';
import { useSession } from '../auth/SessionProvider';
import { EmptyState } from '../ui/EmptyState';

/**
 * The page for users holding `permission`; others (who reach it by its address, since the
 * navigation hides it) are told what they lack instead of meeting a wall of 403s.
 */
export function RequirePermission({
  permission,
  children,
}: {
  permission: string;
  children: ReactNode;
}) {
  const { can } = useSession();
  if (can(permission)) return children;
  return (
    <div className="card">
      <EmptyState title="You do not have access to this page">
        It needs the <code>{permission}</code> permission. Ask an admin of your workspace to give
        you a role that holds it.
      </EmptyState>
    </div>
  );
}
