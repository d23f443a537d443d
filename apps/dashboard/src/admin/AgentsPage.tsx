/** Placeholder until the page is built. */
export function AgentsPage() {
  return <h1>AgentsPage</h1>;
}
