/** Placeholder until the page is built. */
export function AcceptInvitationPage() {
  return <h1>AcceptInvitationPage</h1>;
}
