/** Where the load goes: who the visitors and agents are and how they authenticate. */
export interface Target {
  name: string;
  /** Base URL of socket.io (path `/socket.io`). */
  url: string;
  visitors: Array<{ auth: Record<string, unknown>; roomId: string }>;
  agents: Array<{ auth: Record<string, unknown>; roomIds: string[] }>;
  /** How many visitor messages of each room were stored (the check for loss). */
  storedVisitorMessages(roomIds: string[]): Promise<number>;
  close(): Promise<void>;
}
