/** Every Redis key the integrations service uses, in one place. */
export const redisKeys = {
  /** Held by the replica attempting a delivery (ids are UUIDs: no tenant needed to keep apart). */
  deliveryClaim: (deliveryId: string) => `parley:integrations:delivery-claim:${deliveryId}`,
};
