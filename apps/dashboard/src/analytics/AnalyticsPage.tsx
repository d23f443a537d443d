/** Placeholder until the page is built. */
export function AnalyticsPage() {
  return <h1>AnalyticsPage</h1>;
}
