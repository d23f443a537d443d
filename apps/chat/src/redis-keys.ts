/** Every Redis key and socket.io room name chat uses, from one place (tenant first, always). */
export const redisKeys = {
  chatbot: (tenantId: string, chatbotId: string) => `parley:chat:chatbot:${tenantId}:${chatbotId}`,
  /** A room's state (status, agent, standby), cached for the message path. */
  roomState: (tenantId: string, roomId: string) => `parley:chat:room:${tenantId}:${roomId}`,
  /** A room's last message seq (hash field `seq`: see MessageSeqAllocator). */
  messageSeqs: (tenantId: string, roomId: string) =>
    `parley:chat:message-seqs:${tenantId}:${roomId}`,
  /** The seq each recent client message id of a room got (sorted set, by seq). */
  messageClaims: (tenantId: string, roomId: string) =>
    `parley:chat:message-claims:${tenantId}:${roomId}`,
  /** Set by a room's first agent message (analytics' first-response time). */
  firstAgentReply: (tenantId: string, roomId: string) =>
    `parley:chat:first-reply:${tenantId}:${roomId}`,
  /**
   * Messages whose `chat.message.sent` may not have reached the outbox yet (sorted set of
   * `<tenant> <room> <seq> <chatbot> <room created ms>` by when the seq was claimed): see
   * MessageSentEvents. Named after the deployment's database, as the standby deadlines.
   */
  unpublishedMessages: (database: string) => `parley:chat:unpublished-messages:${database}`,
  /** Changed (a new random value) at every change to a tenant's queue: see QueueTally. */
  queueVersion: (tenantId: string) => `parley:chat:queue-version:${tenantId}`,
  /** A tenant's waiting rooms counted by chatbot, category, team and priority, and its version. */
  queueTally: (tenantId: string) => `parley:chat:queue-tally:${tenantId}`,
  /** The last room display id handed out in a tenant. */
  roomDisplayId: (tenantId: string) => `parley:chat:display-id:${tenantId}`,
  /**
   * Sorted set of rooms in standby, scored by the time their standby ends. Every replica of a
   * deployment sweeps it, so it is named after the deployment's database: another deployment (or
   * test) on the same Redis must not take deadlines of rooms it cannot see.
   */
  standbyDeadlines: (database: string) => `parley:chat:standby-deadlines:${database}`,
  /**
   * The status agents of a tenant chose, when not `available` (hash: agent id → busy | away |
   * away:auto, the last set by inactivity; older entries hold a date and read as away).
   */
  agentsChosenStatus: (tenantId: string) => `parley:chat:away-agents:${tenantId}`,
  /**
   * When each connected agent turns away for inactivity (sorted set of `<tenant>:<agent>` by
   * deadline), swept by every replica of the deployment (named after its database, as standby).
   */
  agentIdleDeadlines: (database: string) => `parley:chat:agent-idle:${database}`,
  /** When each agent last got an auto-assigned room (sorted set: agent id → ms): the turn. */
  autoAssignTurns: (tenantId: string) => `parley:chat:auto-assign:turns:${tenantId}`,
  /** The presence last announced per agent (hash: agent id → available | busy | away | offline). */
  agentPresence: (tenantId: string) => `parley:chat:presence:${tenantId}`,
  /** Held while one agent is given a room (capacity check and claim), on any replica. */
  agentClaimLock: (tenantId: string, agentId: string) =>
    `parley:chat:agent-claim:${tenantId}:${agentId}`,
  /** Held while a contact is changed (a visit, a new name), on any replica. */
  contactLock: (tenantId: string, email: string) => `parley:chat:contact-lock:${tenantId}:${email}`,
  /** Held by the replica handing out a tenant's waiting rooms. */
  autoAssignLock: (tenantId: string) => `parley:chat:auto-assign:lock:${tenantId}`,
  /** Set when a chance to assign came while another replica held the lock: go round again. */
  autoAssignAgain: (tenantId: string) => `parley:chat:auto-assign:again:${tenantId}`,
  /**
   * Held by the replica running the SLA breach sweep, so that one acts at a time; named after the
   * deployment's database, as the standby's set is.
   */
  slaSweepLock: (database: string) => `parley:chat:sla-sweep:lock:${database}`,
  /** The SLA deadlines still watched, by due time (see SlaDeadlineIndex), per deployment. */
  slaDeadlines: (database: string) => `parley:chat:sla-deadlines:${database}`,
  /** Set while a reconciliation of the SLA deadlines is recent, so one replica does it. */
  slaReconciled: (database: string) => `parley:chat:sla-reconciled:${database}`,
  /** Held by the replica running the Intercom polling fallback (named after the database, as above). */
  intercomPollLock: (database: string) => `parley:chat:intercom-poll:lock:${database}`,
  /** Rooms with a visitor connected, scored by when a replica last saw the visitor's socket. */
  visitorsSeen: (database: string) => `parley:chat:visitors-seen:${database}`,
  /** Rooms whose visitor's last socket closed, scored by when their standby's grace ends. */
  visitorsLeaving: (database: string) => `parley:chat:visitors-leaving:${database}`,
  /** The room's last seq when its visitor left (hash: `<tenant>:<room>` → seq). */
  seqsAtLeaving: (database: string) => `parley:chat:seqs-at-leaving:${database}`,
  /** Every message a sender (`visitor:<room>` or `agent:<id>`) tried to send in its 10 s window. */
  senderAttempts: (tenantId: string, sender: string) =>
    `parley:chat:rate:attempts:${tenantId}:${sender}`,
  /** The messages a sender was let send in its 10 s window. */
  senderSends: (tenantId: string, sender: string) => `parley:chat:rate:sends:${tenantId}:${sender}`,
  /** The messages the visitors, or the agents, of a tenant were let send in its 1 s window. */
  tenantSends: (tenantId: string, side: 'visitor' | 'agent') =>
    `parley:chat:rate:tenant:${tenantId}:${side}`,
  /** Prefix of the windows of rate-limiter-flexible (typing, reads, connects, history). */
  requestLimits: (policy: string) => `parley:chat:limit:${policy}`,
  /** Prefix of the widget's limits (see WidgetRateLimits), keyed by address, chatbot or email. */
  widgetRates: () => 'parley:chat:rate:widget',
  /** Prefix of the limit on how often one conversation is rated (see CsatService). */
  csatRates: () => 'parley:chat:rate:csat',
};

export const socketRooms = {
  /** Everyone in one conversation: the visitor's sockets and the assigned agent's. */
  room: (tenantId: string, roomId: string) => `t:${tenantId}:room:${roomId}`,
  /** The agents of a tenant who may join rooms: they receive the queue. */
  agents: (tenantId: string) => `t:${tenantId}:agents`,
  agent: (tenantId: string, agentId: string) => `t:${tenantId}:agent:${agentId}`,
  visitorsOf: (tenantId: string, roomId: string) => `t:${tenantId}:visitors:${roomId}`,
};
