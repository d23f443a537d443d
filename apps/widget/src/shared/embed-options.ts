/** What the tenant's embed snippet says, and where the Parley server that served it lives. */
export interface EmbedOptions {
  tenantId: string;
  chatbotId: string;
  apiKey: string;
  locale?: string;
  /**
   * The host page's signed-in user, signed by the tenant's backend (identity verification):
   * `data-visitor-email`, `data-visitor-hash` (HMAC-SHA256 of the email) and `data-visitor-name`.
   */
  identity?: { email: string; hash: string; name?: string };
  /** The origin of widget.js: the API, socket.io and chat.js are all served from there. */
  baseUrl: string;
}

/** The options on the widget's `<script>` tag, or null when the snippet is incomplete. */
export function embedOptionsOf(script: HTMLScriptElement): EmbedOptions | null {
  const { tenantId, chatbotId, apiKey, locale, visitorEmail, visitorHash, visitorName } =
    script.dataset;
  if (!tenantId || !chatbotId || !apiKey || !script.src) return null;
  const identity =
    visitorEmail && visitorHash
      ? { email: visitorEmail, hash: visitorHash, name: visitorName }
      : undefined;
  return { tenantId, chatbotId, apiKey, locale, identity, baseUrl: new URL(script.src).origin };
}
