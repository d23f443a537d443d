export interface PlatformStatus {
  checkedAt: string;
  services: { name: string; status: 'up' | 'down'; detail: unknown; latencyMs: number }[];
  kafka: {
    groups: {
      groupId: string;
      lag: number;
      topics: { topic: string; lag: number }[];
      error?: string;
    }[];
  };
  agentsOnline: number;
  chatbots: { chatbotId: string; name: string; lastSessionAt: string | null }[];
}
