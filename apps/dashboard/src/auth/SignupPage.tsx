/** Placeholder until the page is built. */
export function SignupPage() {
  return <h1>SignupPage</h1>;
}
