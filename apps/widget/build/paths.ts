import { fileURLToPath } from 'node:url';

/** An absolute path inside apps/widget (vite is run from the repository's root). */
export const widgetPath = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** nginx serves dist/web: /widget.js and /widget/ from web/widget, /demo/ from web/demo. */
export const webPath = (path: string) => widgetPath(`../../dist/web/${path}`);
