/** Placeholder until the page is built. */
export function EmailsPage() {
  return <h1>EmailsPage</h1>;
}
