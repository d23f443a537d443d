import { useEffect, useState } from 'react';
import { type ChatbotInfo, fetchChatbots } from './chat-api';

// Chatbots change rarely: one request serves every part of the inbox for a few minutes.
const KEEP_MS = 5 * 60_000;
let cached: { at: number; chatbots: Promise<Map<string, ChatbotInfo>> } | null = null;

function loadChatbots(): Promise<Map<string, ChatbotInfo>> {
  if (cached && Date.now() - cached.at < KEEP_MS) return cached.chatbots;
  const chatbots = fetchChatbots()
    .then((list) => new Map(list.map((chatbot) => [chatbot.id, chatbot])))
    .catch(() => {
      cached = null;
      return new Map<string, ChatbotInfo>();
    });
  cached = { at: Date.now(), chatbots };
  return chatbots;
}

/** The tenant's chatbots by id (empty until loaded, or if they cannot be). */
export function useChatbots(): Map<string, ChatbotInfo> {
  const [chatbots, setChatbots] = useState<Map<string, ChatbotInfo>>(() => new Map());
  useEffect(() => {
    let current = true;
    void loadChatbots().then((loaded) => current && setChatbots(loaded));
    return () => {
      current = false;
    };
  }, []);
  return chatbots;
}
