/**
 * A visitor's email with what it is worth: anyone can type any address into a widget, so only an
 * address the tenant's site signed (identity verification) is marked verified; any other is
 * labelled "unverified email", so that agents do not take it for the customer's.
 */
export function VisitorEmail(props: { email: string; verified: boolean | undefined }) {
  return (
    <span className="inbox-visitor-email">
      <span className="inbox-item-sub">{props.email}</span>
      {props.verified ? (
        <span className="inbox-identity-chip is-verified" title="Signed by your site">
          verified
        </span>
      ) : (
        <span className="inbox-identity-chip" title="Typed by the visitor; not signed by your site">
          unverified email
        </span>
      )}
    </span>
  );
}
