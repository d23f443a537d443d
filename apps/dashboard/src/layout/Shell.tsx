import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useMe, useSession } from '../auth/SessionProvider';
import { InboxProvider } from '../inbox/InboxProvider';
import { Icon } from './Icon';
import { Logo } from './Logo';
import { NAVIGATION } from './navigation';

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words.length > 1 ? words[0][0] + words[words.length - 1][0] : name.slice(0, 2)
  ).toUpperCase();
}

/**
 * The signed-in layout: the workspace's navigation (only the pages the user may use) at the
 * left, the page at the right. On a narrow screen the navigation folds behind a Menu button.
 */
export function Shell() {
  const { can, signOut } = useSession();
  const { user, tenant } = useMe();
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = () => setMenuOpen(false);

  const groups = NAVIGATION.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.permission || can(item.permission)),
  })).filter((group) => group.items.length > 0);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className={menuOpen ? 'sidebar sidebar-open' : 'sidebar'}>
        <div className="sidebar-brand">
          <Logo />
          <div className="sidebar-brand-text">
            <span className="brand-name">Parley</span>
            <span className="tenant-name" title={tenant.name} data-testid="tenant-name">
              {tenant.name}
            </span>
          </div>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-navigation"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <Icon name="menu" />
            <span className="sr-only">Menu</span>
          </button>
        </div>
        <nav id="main-navigation" className="sidebar-nav" aria-label="Main">
          {groups.map((group) => (
            <div key={group.label} className="nav-group">
              <p className="nav-group-label">{group.label}</p>
              <ul>
                {group.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} className="nav-link" onClick={closeMenu}>
                      <Icon name={item.icon} />
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="sidebar-user">
          <span className="avatar" aria-hidden="true">
            {initialsOf(user.name || user.email)}
          </span>
          <div className="sidebar-user-text">
            <span className="sidebar-user-name">{user.name}</span>
            <span className="sidebar-user-email" title={user.email}>
              {user.email}
            </span>
          </div>
        </div>
        <button type="button" className="sidebar-signout" onClick={() => void signOut()}>
          <Icon name="logout" />
          Sign out
        </button>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {can('chats:join') ? (
          // Mounted for the whole session, not just the inbox page: an agent reading analytics
          // stays online, hears new visitors, and keeps their unsent replies.
          <InboxProvider>
            <Outlet />
          </InboxProvider>
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}
