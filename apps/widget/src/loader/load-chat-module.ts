import type { ChatModule } from '../shared/chat-module';

/** chat.js's content hash, baked in at build time so a new release is never served stale. */
declare const __PARLEY_CHAT_VERSION__: string;

export function loadChatModule(baseUrl: string): Promise<ChatModule> {
  return import(/* @vite-ignore */ `${baseUrl}/widget/chat.js?v=${__PARLEY_CHAT_VERSION__}`);
}
