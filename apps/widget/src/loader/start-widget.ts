import { browserLanguages, pickLocale, stringsFor } from '../i18n/locale';
import type { WidgetChat } from '../shared/chat-module';
import { embedOptionsOf } from '../shared/embed-options';
import { hasLiveSession } from '../shared/visitor-session';
import { fetchWidgetConfig } from '../shared/widget-api';
import { createLauncher } from './launcher';
import { loadChatModule } from './load-chat-module';

/**
 * Draws the launcher in the chatbot's colour and loads the chat only when the visitor shows
 * interest (or when a conversation from before the page load is still going).
 */
export async function startWidget(script: HTMLScriptElement): Promise<void> {
  const embed = embedOptionsOf(script);
  // Incomplete snippet, or the snippet pasted twice: one launcher only.
  if (
    !embed ||
    document.querySelector(`parley-widget[data-chatbot-id="${CSS.escape(embed.chatbotId)}"]`)
  )
    return;
  const locale = pickLocale(embed.locale, browserLanguages());
  const strings = stringsFor(locale);
  const launcher = createLauncher(strings, embed.chatbotId);
  // In the page at once, so a second copy of the snippet finds it; shown once coloured.
  (document.body ?? document.documentElement).append(launcher.host);
  const config = await fetchWidgetConfig(embed);
  launcher.setColor(config.ok ? config.data.appearance.color : undefined);
  launcher.reveal();

  let open = false;
  let chat: Promise<WidgetChat> | undefined;
  const chatReady = () =>
    (chat ??= loadChatModule(embed.baseUrl).then((module) =>
      module.mountWidget({
        shadowRoot: launcher.shadowRoot,
        panelSlot: launcher.panelSlot,
        embed,
        locale,
        config,
        requestClose: () => void setOpen(false, true),
        showUnread: launcher.setUnread,
        showColor: launcher.setColor,
      }),
    ));

  async function setOpen(next: boolean, returnFocus: boolean) {
    open = next;
    launcher.setExpanded(open);
    try {
      (await chatReady()).setOpen(open);
    } catch {
      // chat.js did not load (offline?): the next click tries again.
      chat = undefined;
      open = false;
      launcher.setExpanded(false);
    }
    if (!open && returnFocus) launcher.button.focus();
  }

  launcher.button.addEventListener('click', () => void setOpen(!open, false));
  // Hovering or tabbing to the launcher announces a click: start fetching chat.js already.
  const warmUp = () => void chatReady().catch(() => (chat = undefined));
  launcher.button.addEventListener('pointerenter', warmUp, { once: true });
  launcher.button.addEventListener('focus', warmUp, { once: true });
  if (hasLiveSession(embed.chatbotId)) warmUp();
}
