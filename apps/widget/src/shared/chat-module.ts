import type { Locale } from '../i18n/locale';
import type { EmbedOptions } from './embed-options';
import type { ApiAnswer } from './http';
import type { WidgetConfig } from './widget-api';

/** What the loader hands the chat module: the isolated place to draw in, and what it knows. */
export interface WidgetHost {
  /** The widget's shadow root: the chat adds its styles here, out of the page's reach. */
  shadowRoot: ShadowRoot;
  /** Where the chat panel renders, inside the shadow root. */
  panelSlot: HTMLElement;
  embed: EmbedOptions;
  locale: Locale;
  /** The chatbot's configuration, fetched by the loader to colour the launcher. */
  config: ApiAnswer<WidgetConfig>;
  /** The visitor closed the panel (Escape or the close button). */
  requestClose(): void;
  /** Agent messages the visitor has not seen yet, for the launcher's badge. */
  showUnread(count: number): void;
  /** The chatbot's colour, once a configuration fetch that had failed succeeds. */
  showColor(color: string): void;
}

export interface WidgetChat {
  setOpen(open: boolean): void;
}

/** The exports of chat.js, loaded on demand by the loader and by the conversation page. */
export interface ChatModule {
  mountWidget(host: WidgetHost): WidgetChat;
  mountConversationPage(container: HTMLElement): void;
}
