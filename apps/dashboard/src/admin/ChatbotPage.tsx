/** Placeholder until the page is built. */
export function ChatbotPage() {
  return <h1>ChatbotPage</h1>;
}
