/** Every Redis key and socket.io room name chat uses, from one place (tenant first, always). */
export const redisKeys = {
  chatbot: (tenantId: string, chatbotId: string) => `parley:chat:chatbot:${tenantId}:${chatbotId}`,
  roomMembership: (tenantId: string, roomId: string) => `parley:chat:room:${tenantId}:${roomId}`,
  /** Sorted set of rooms in standby, scored by the time their standby ends. */
  standbyDeadlines: () => 'parley:chat:standby-deadlines',
  socketRate: (socketId: string) => `parley:chat:rate:socket:${socketId}`,
  tenantRate: (tenantId: string) => `parley:chat:rate:tenant:${tenantId}`,
};

export const socketRooms = {
  /** Everyone in one conversation: the visitor's sockets and the assigned agent's. */
  room: (tenantId: string, roomId: string) => `t:${tenantId}:room:${roomId}`,
  /** The agents of a tenant who may join rooms: they receive the queue. */
  agents: (tenantId: string) => `t:${tenantId}:agents`,
  agent: (tenantId: string, agentId: string) => `t:${tenantId}:agent:${agentId}`,
  visitorsOf: (tenantId: string, roomId: string) => `t:${tenantId}:visitors:${roomId}`,
};
