import { readFileSync } from 'node:fs';
import { widgetPath } from './paths';

/**
 * conversation.html, served by nginx for /conversation/<roomId>: the template with the URL of
 * this build's chat.js. Kept out of vite's HTML pipeline so chat.js stays one file.
 */
export function conversationPageHtml(chatUrl: string): string {
  return readFileSync(widgetPath('src/conversation/conversation.html'), 'utf8').replace(
    '%CHAT_URL%',
    chatUrl,
  );
}
