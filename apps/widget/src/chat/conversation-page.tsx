import { useState } from 'preact/hooks';
import { browserLanguages, type Locale, regionalTag, stringsFor } from '../i18n/locale';
import { ConversationView } from './components/conversation-view';
import { PanelFrame } from './components/panel-frame';
import type { ConversationLink } from './conversation-link';
import { usePageVisible } from './hooks/use-page-visible';

interface ConversationPageProps {
  link: ConversationLink | null;
  baseUrl: string;
  locale: Locale;
}

/**
 * The conversation full-page, from the visitor's email link. The room token is all it needs:
 * no pre-chat form, no API key, and no new conversation from here.
 */
export function ConversationPage({ link, baseUrl, locale }: ConversationPageProps) {
  const strings = stringsFor(locale);
  const visible = usePageVisible();
  const [refused, setRefused] = useState(false);
  const token = link?.visitorToken;
  return (
    <PanelFrame
      variant="page"
      open
      title={strings.conversationTitle}
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
