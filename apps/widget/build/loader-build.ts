import { build } from 'vite';
import { webPath, widgetPath } from './paths';
import { sizeBudget } from './size-budget';

/** widget.js: the loader, an IIFE (a classic script, so `async` and currentScript work). */
export function buildLoader(chatVersion: string) {
  return build({
    configFile: false,
    root: widgetPath('src'),
    publicDir: false,
    resolve: { alias: { '@app/contracts': widgetPath('../../libs/contracts/src') } },
    define: { __PARLEY_CHAT_VERSION__: JSON.stringify(chatVersion) },
    build: {
      outDir: webPath('widget'),
      emptyOutDir: false,
      sourcemap: true,
      lib: {
        entry: widgetPath('src/loader.ts'),
        formats: ['iife'],
        name: 'ParleyWidget',
        fileName: () => 'widget.js',
      },
    },
    plugins: [sizeBudget({ 'widget.js': 10 * 1024 })],
  });
}
