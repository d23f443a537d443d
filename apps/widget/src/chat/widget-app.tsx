import { useCallback, useState } from 'preact/hooks';
import { browserLanguages, regionalTag, stringsFor } from '../i18n/locale';
import type { WidgetHost } from '../shared/chat-module';
import type { ApiAnswer } from '../shared/http';
import {
  forgetSession,
  loadSession,
  saveSession,
  type VisitorSession,
} from '../shared/visitor-session';
import {
  fetchWidgetConfig,
  type OpenedSession,
  type WalkedJourney,
  type WidgetConfig,
} from '../shared/widget-api';
import { ConversationView } from './components/conversation-view';
import { OfflineMessageForm } from './components/offline-message-form';
import { PanelFrame } from './components/panel-frame';
import { PreChatForm } from './components/pre-chat-form';
import { usePageVisible } from './hooks/use-page-visible';
import { sessionRefusal } from './prechat/session-refusal';

/** The widget's panel: the pre-chat form until a conversation exists, then the conversation. */
export function WidgetApp({ host, open }: { host: WidgetHost; open: boolean }) {
  const { embed, locale } = host;
  const { chatbotId } = embed;
  const strings = stringsFor(locale);
  const [config, setConfig] = useState<ApiAnswer<WidgetConfig>>(host.config);
  const [session, setSession] = useState<VisitorSession | null>(() => loadSession(chatbotId));
  const [notice, setNotice] = useState<string>();
  const [retrying, setRetrying] = useState(false);
  /** The journey the visitor walked before the chat turned out offline. */
  const [wentOffline, setWentOffline] = useState<WalkedJourney | null>(null);
  const visible = usePageVisible() && open;

  const update = useCallback(
    (change: Partial<VisitorSession>) => {
      const stored = loadSession(chatbotId);
      if (stored) saveSession(chatbotId, { ...stored, ...change });
    },
    [chatbotId],
  );
  const onSeen = useCallback((seenSeq: number) => update({ seenSeq }), [update]);
  const onClosed = useCallback(() => update({ closed: true }), [update]);
  const onUnread = useCallback((count: number) => host.showUnread(count), [host]);
  const onOpened = ({ roomId, visitorToken }: OpenedSession) => {
    const created = { roomId, visitorToken, seenSeq: 0 };
    saveSession(chatbotId, created);
    setNotice(undefined);
    setSession(created);
  };
  const forget = (why?: string) => {
    forgetSession(chatbotId);
    host.showUnread(0);
    setNotice(why);
    setSession(null);
  };

  // A failed configuration fetch (offline, server restarting) is worth a second try.
  const retryConfig = async () => {
    setRetrying(true);
    const answer = await fetchWidgetConfig(embed);
    setRetrying(false);
    setConfig(answer);
    if (answer.ok) host.showColor(answer.data.appearance.color);
  };

  let content;
  if (session) {
    content = (
      <ConversationView
        key={session.roomId}
        baseUrl={embed.baseUrl}
        roomId={session.roomId}
        visitorToken={session.visitorToken}
        strings={strings}
        timeLocale={regionalTag(locale, browserLanguages())}
        visible={visible}
        initiallySeen={session.seenSeq}
        onSeen={onSeen}
        onUnread={onUnread}
        onClosed={onClosed}
        onUnauthorized={() => forget(strings.sessionGone)}
        onStartNew={() => forget()}
      />
    );
  } else if (config.ok && (wentOffline || config.data.availability === 'offline')) {
    content = (
      <OfflineMessageForm
        embed={embed}
        config={config.data}
        strings={strings}
        walked={wentOffline ?? undefined}
      />
    );
  } else if (config.ok) {
    content = (
      <PreChatForm
        embed={embed}
        config={config.data}
        strings={strings}
        notice={notice}
        onOpened={onOpened}
        onOffline={setWentOffline}
      />
    );
  } else {
    const { summary, final } = sessionRefusal(config.failure, strings, []);
    content = (
      <div class="parley-message-text">
        <p role="alert">{summary}</p>
        {!final && (
          <button
            type="button"
            class="parley-button"
            aria-busy={retrying ? 'true' : undefined}
            data-autofocus=""
            onClick={retryConfig}
          >
            {strings.retry}
          </button>
        )}
      </div>
    );
  }

  return (
    <PanelFrame
      variant="widget"
      open={open}
      title={config.ok ? config.data.name : strings.defaultTitle}
      strings={strings}
      focusKey={session?.roomId ?? (config.ok ? 'form' : 'unavailable')}
      onClose={host.requestClose}
    >
      {content}
    </PanelFrame>
  );
}
