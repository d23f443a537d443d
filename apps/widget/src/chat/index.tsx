import { render } from 'preact';
import { browserLanguages, pickLocale } from '../i18n/locale';
import { addStyles } from '../shared/add-styles';
import type { ChatModule } from '../shared/chat-module';
import { DEFAULT_COLOR, textColorOn } from '../shared/contrast';
import chatStyles from './chat.css?inline';
import { takeConversationLink } from './conversation-link';
import { ConversationPage } from './conversation-page';
import { unlockSoundOnGesture } from './sound/beep';
import { WidgetApp } from './widget-app';

/** chat.js: loaded by widget.js on the visitor's first interaction, and by the conversation page. */

export const mountWidget: ChatModule['mountWidget'] = (host) => {
  addStyles(host.shadowRoot, chatStyles);
  unlockSoundOnGesture(host.shadowRoot);
  let open = false;
  const draw = () => render(<WidgetApp host={host} open={open} />, host.panelSlot);
  draw();
  return {
    setOpen(next) {
      open = next;
      draw();
    },
  };
};

export const mountConversationPage: ChatModule['mountConversationPage'] = (container) => {
  addStyles(document.head, chatStyles);
  unlockSoundOnGesture(container);
  const paint = (color: string) => {
    container.style.setProperty('--parley-color', color);
    container.style.setProperty('--parley-on-color', textColorOn(color));
  };
  paint(DEFAULT_COLOR);
  const locale = pickLocale(undefined, browserLanguages());
  document.documentElement.lang = locale;
  render(
    <ConversationPage
      link={takeConversationLink()}
      baseUrl={location.origin}
      locale={locale}
      onColor={paint}
    />,
    container,
  );
};
