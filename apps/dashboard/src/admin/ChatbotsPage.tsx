/** Placeholder until the page is built. */
export function ChatbotsPage() {
  return <h1>ChatbotsPage</h1>;
}
