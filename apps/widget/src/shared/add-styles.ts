/** Adds a stylesheet inside the widget's shadow root (or the conversation page's head). */
export function addStyles(target: ShadowRoot | HTMLElement, css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  target.append(style);
}
