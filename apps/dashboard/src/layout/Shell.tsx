import { NavLink, Outlet } from 'react-router';

/** Placeholder layout: navigation and the page. */
export function Shell() {
  return (
    <div>
      <nav>
        <NavLink to="/inbox">Inbox</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
