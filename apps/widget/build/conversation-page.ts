import { readFileSync } from 'node:fs';
import { widgetPath } from './paths';

/**
 * conversation.html, served by nginx for /conversation/<roomId>: the template with the URL of
 * its script. Kept out of vite's HTML pipeline so chat.js stays one file.
 */
export function conversationPageHtml(pageScriptUrl: string): string {
  return readFileSync(widgetPath('src/conversation/conversation.html'), 'utf8').replace(
    '%PAGE_SCRIPT_URL%',
    pageScriptUrl,
  );
}

/**
 * conversation-page.js, the page's script: a file, not inline, because the page's
 * Content-Security-Policy (nginx) allows only scripts of its own origin.
 */
export function conversationPageScript(chatUrl: string): string {
  return `import { mountConversationPage } from '${chatUrl}';
mountConversationPage(document.getElementById('conversation'));
`;
}
