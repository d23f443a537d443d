import type { Strings } from '../i18n/en';
import { addStyles } from '../shared/add-styles';
import { brandColor, textColorOn } from '../shared/contrast';
import launcherStyles from './launcher.css?inline';

// Fixed markup, no data in it: the only innerHTML in the widget.
const ICONS =
  '<svg class="parley-icon-chat" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
  '<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>' +
  '<svg class="parley-icon-close" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
  '<path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" d="M6 9l6 6 6-6"/></svg>';

export type Launcher = ReturnType<typeof createLauncher>;

/**
 * The widget's host element with an open shadow root (page CSS cannot reach in, ours cannot
 * leak out), the launcher button, and the slot the chat panel renders into.
 */
export function createLauncher(strings: Strings, chatbotId: string) {
  const host = document.createElement('parley-widget');
  host.dataset.chatbotId = chatbotId;
  const shadowRoot = host.attachShadow({ mode: 'open' });
  addStyles(shadowRoot, launcherStyles);

  const root = document.createElement('div');
  root.className = 'parley-root';
  root.hidden = true;
  const panelSlot = document.createElement('div');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'parley-launcher';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'parley-panel');
  button.setAttribute('aria-label', strings.launcherLabel);
  button.innerHTML = ICONS;
  const badge = document.createElement('span');
  badge.className = 'parley-badge';
  badge.setAttribute('aria-hidden', 'true');
  badge.hidden = true;
  button.append(badge);
  root.append(panelSlot, button);
  shadowRoot.append(root);

  return {
    host,
    shadowRoot,
    panelSlot,
    button,
    setColor(color: string | undefined) {
      const background = brandColor(color);
      root.style.setProperty('--parley-color', background);
      root.style.setProperty('--parley-on-color', textColorOn(background));
    },
    reveal() {
      root.hidden = false;
    },
    setExpanded(open: boolean) {
      button.setAttribute('aria-expanded', String(open));
      root.classList.toggle('parley-open', open);
    },
    setUnread(count: number) {
      badge.hidden = count === 0;
      badge.textContent = count > 9 ? '9+' : String(count);
      const label = count ? `${strings.launcherLabel}, ${strings.unread(count)}` : '';
      button.setAttribute('aria-label', label || strings.launcherLabel);
    },
  };
}
