/** Every Redis key the integrations service uses, in one place. */
export const redisKeys = {
  /** Held by the replica attempting a delivery (ids are UUIDs: no tenant needed to keep apart). */
  deliveryClaim: (deliveryId: string) => `parley:integrations:delivery-claim:${deliveryId}`,
  /** Set while an endpoint's failure streak runs (see EndpointSnapshots). */
  endpointFailing: (endpointId: string) => `parley:integrations:endpoint-failing:${endpointId}`,
  /** Pending deliveries of every tenant by due time (see PendingDeliveryIndex). */
  dueDeliveries: 'parley:integrations:due-deliveries',
  /** The pending deliveries of one conversation to one endpoint, in event order. */
  deliveryLine: (endpointId: string, orderKey: string) =>
    `parley:integrations:delivery-line:${endpointId}:${orderKey}`,
  /**
   * Held by whoever changes a review invitation (the replica sending it, a rating, a retry). Ids
   * are derived from the tenant and the conversation, so they never collide across tenants.
   */
  reviewInvitationLock: (invitationId: string) =>
    `parley:integrations:review-invitation-lock:${invitationId}`,
  /**
   * A tenant's Trustpilot access token, sealed, until shortly before it expires. The credentials'
   * version is in the key: new credentials never get a token of the old ones.
   */
  trustpilotToken: (tenantId: string, credentialsVersion: string) =>
    `parley:integrations:trustpilot-token:${tenantId}:${credentialsVersion}`,
  /** Held by the replica requesting a tenant's token, so that replicas ask Trustpilot once. */
  trustpilotTokenLock: (tenantId: string, credentialsVersion: string) =>
    `parley:integrations:trustpilot-token-lock:${tenantId}:${credentialsVersion}`,
};
