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
};
