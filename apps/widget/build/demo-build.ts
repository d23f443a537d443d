import { build } from 'vite';
import { webPath, widgetPath } from './paths';

/** The demo host page, served at /demo/. */
export function buildDemo() {
  return build({
    configFile: false,
    root: widgetPath('demo'),
    base: '/demo/',
    publicDir: false,
    build: { outDir: webPath('demo'), emptyOutDir: true },
  });
}
