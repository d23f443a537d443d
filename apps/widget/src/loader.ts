import { startWidget } from './loader/start-widget';

/**
 * widget.js, the one script tenants paste. `document.currentScript` is only set while this
 * runs for the first time, so it is read at once; the query is for loaders that lose it.
 */
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-chatbot-id]');
if (script) void startWidget(script);
