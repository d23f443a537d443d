/** Placeholder until the page is built. */
export function StatusPage() {
  return <h1>StatusPage</h1>;
}
