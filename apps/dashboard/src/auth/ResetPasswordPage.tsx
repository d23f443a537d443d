/** Placeholder until the page is built. */
export function ResetPasswordPage() {
  return <h1>ResetPasswordPage</h1>;
}
