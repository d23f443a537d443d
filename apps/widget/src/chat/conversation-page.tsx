import { useEffect, useState } from 'preact/hooks';
import { browserLanguages, type Locale, regionalTag, stringsFor } from '../i18n/locale';
import { ConversationView } from './components/conversation-view';
import { PanelFrame } from './components/panel-frame';
import { fetchConversationLook } from '../shared/widget-api';
import type { ConversationLink } from './conversation-link';
import { usePageVisible } from './hooks/use-page-visible';

interface ConversationPageProps {
  link: ConversationLink | null;
  baseUrl: string;
  locale: Locale;
  /** Paints the page in the chatbot's colour once it is known. */
  onColor(color: string): void;
}

/**
 * The conversation full-page, from the visitor's email link. The room token is all it needs:
 * no pre-chat form, no API key, and no new conversation from here.
 */
export function ConversationPage({ link, baseUrl, locale, onColor }: ConversationPageProps) {
  const strings = stringsFor(locale);
  const visible = usePageVisible();
  const [refused, setRefused] = useState(false);
  const [chatbotName, setChatbotName] = useState<string | null>(null);
  const token = link?.visitorToken;

  useEffect(() => {
    if (!token) return;
    void fetchConversationLook(baseUrl, token).then((answer) => {
      if (!answer.ok) return;
      onColor(answer.data.appearance.color);
      setChatbotName(answer.data.chatbotName);
    });
  }, [baseUrl, token, onColor]);

  return (
    <PanelFrame
      variant="page"
      open
      title={chatbotName ?? strings.conversationTitle}
      strings={strings}
      focusKey="page"
    >
      {link && token && !refused ? (
        <ConversationView
          baseUrl={baseUrl}
          roomId={link.roomId}
          visitorToken={token}
          strings={strings}
          timeLocale={regionalTag(locale, browserLanguages())}
          visible={visible}
          initiallySeen={0}
          onUnauthorized={() => setRefused(true)}
        />
      ) : (
        <p class="parley-message-text" role="alert">
          {strings.linkInvalid}
        </p>
      )}
    </PanelFrame>
  );
}
