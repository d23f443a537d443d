/** What the tenant's embed snippet says, and where the Parley server that served it lives. */
export interface EmbedOptions {
  tenantId: string;
  chatbotId: string;
  apiKey: string;
  locale?: string;
  /** The origin of widget.js: the API, socket.io and chat.js are all served from there. */
  baseUrl: string;
}

/** The options on the widget's `<script>` tag, or null when the snippet is incomplete. */
export function embedOptionsOf(script: HTMLScriptElement): EmbedOptions | null {
  const { tenantId, chatbotId, apiKey, locale } = script.dataset;
  if (!tenantId || !chatbotId || !apiKey || !script.src) return null;
  return { tenantId, chatbotId, apiKey, locale, baseUrl: new URL(script.src).origin };
}
