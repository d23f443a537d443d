/** Placeholder until the page is built. */
export function GoogleCallbackPage() {
  return <h1>GoogleCallbackPage</h1>;
}
