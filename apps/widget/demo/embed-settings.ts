/** The three values the widget's `<script>` needs, as the dashboard or the embed snippet give them. */
export interface EmbedSettings {
  tenantId: string;
  chatbotId: string;
  apiKey: string;
  locale?: string;
}

const ATTRIBUTES = {
  tenantId: 'data-tenant-id',
  chatbotId: 'data-chatbot-id',
  apiKey: 'data-api-key',
  locale: 'data-locale',
} as const;

function complete(values: Partial<EmbedSettings>): EmbedSettings | null {
  const { tenantId, chatbotId, apiKey, locale } = values;
  return tenantId && chatbotId && apiKey
    ? { tenantId, chatbotId, apiKey, ...(locale ? { locale } : {}) }
    : null;
}

/** `#tenantId=…&chatbotId=…&apiKey=…` (the dashboard links here after creating a chatbot). */
export function settingsFromHash(hash: string): EmbedSettings | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return complete({
    tenantId: params.get('tenantId') ?? undefined,
    chatbotId: params.get('chatbotId') ?? undefined,
    apiKey: params.get('apiKey') ?? undefined,
    locale: params.get('locale') ?? undefined,
  });
}

/** The data attributes of a pasted embed snippet, read as text: nothing pasted is ever run. */
export function settingsFromSnippet(snippet: string): EmbedSettings | null {
  const attribute = (name: string) =>
    new RegExp(`${name}\\s*=\\s*["']([^"']*)["']`).exec(snippet)?.[1]?.trim() || undefined;
  return complete({
    tenantId: attribute(ATTRIBUTES.tenantId),
    chatbotId: attribute(ATTRIBUTES.chatbotId),
    apiKey: attribute(ATTRIBUTES.apiKey),
    locale: attribute(ATTRIBUTES.locale),
  });
}

/** The widget's `<script>`, as a tenant's page would carry it, served by this Parley. */
export function widgetScript(settings: EmbedSettings): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
    const value = settings[key as keyof EmbedSettings];
    if (value) script.setAttribute(attribute, value);
  }
  return script;
}
