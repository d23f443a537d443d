/** Placeholder until the page is built. */
export function LoginPage() {
  return <h1>LoginPage</h1>;
}
