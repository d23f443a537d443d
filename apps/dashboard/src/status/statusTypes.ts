/** `GET /api/analytics/status`: the whole platform, for its operators (`platform:operate`). */
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
}

/** `GET /api/analytics/activity`: the workspace's own agents and chatbots right now. */
export interface TenantActivity {
  checkedAt: string;
  agentsOnline: number;
  chatbots: { chatbotId: string; name: string; lastSessionAt: string | null }[];
}
