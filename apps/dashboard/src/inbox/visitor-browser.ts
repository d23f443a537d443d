import type { RoomDetails } from './chat-api';

type Browser = RoomDetails['visitor']['browser'];

/** "Chrome 126", or undefined when the visitor's browser could not be told. */
export function describeBrowser(browser: Browser): string | undefined {
  if (!browser.name) return undefined;
  return browser.version ? `${browser.name} ${browser.version.split('.')[0]}` : browser.name;
}

/** "macOS · desktop": the system and kind of device, as far as known. */
export function describeDevice(browser: Browser): string | undefined {
  const parts = [browser.os, browser.device].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
