import {
  type EmbedSettings,
  settingsFromHash,
  settingsFromSnippet,
  widgetScript,
} from './embed-settings';

// Kept for the tab, so a reload (or a click through the site) keeps the widget on the page.
const STORAGE_KEY = 'parley-demo:embed';

function stored(): EmbedSettings | null {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as EmbedSettings | null;
  } catch {
    return null;
  }
}

const setup = document.querySelector<HTMLFormElement>('#embed-setup')!;
const snippet = document.querySelector<HTMLTextAreaElement>('#embed-snippet')!;
const problem = document.querySelector<HTMLElement>('#embed-problem')!;
const installed = document.querySelector<HTMLElement>('#embed-installed')!;
const chatbotName = document.querySelector<HTMLElement>('#embed-chatbot')!;

function install(settings: EmbedSettings): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  setup.hidden = true;
  installed.hidden = false;
  chatbotName.textContent = settings.chatbotId;
  document.body.append(widgetScript(settings));
}

setup.addEventListener('submit', (event) => {
  event.preventDefault();
  const settings = settingsFromSnippet(snippet.value) ?? settingsFromHash(snippet.value.trim());
  if (settings) return install(settings);
  problem.textContent =
    'That does not look like a Parley embed snippet: it needs data-tenant-id, data-chatbot-id and data-api-key.';
  snippet.focus();
});

document.querySelector('#embed-reset')!.addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE_KEY);
  location.replace(location.pathname);
});

const fromLink = settingsFromHash(location.hash);
if (fromLink) history.replaceState(null, '', location.pathname);
const settings = fromLink ?? stored();
if (settings) install(settings);
