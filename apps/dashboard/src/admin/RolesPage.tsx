/** Placeholder until the page is built. */
export function RolesPage() {
  return <h1>RolesPage</h1>;
}
