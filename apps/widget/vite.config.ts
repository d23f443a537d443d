import { defineConfig, type Plugin } from 'vite';
import { buildDemo } from './build/demo-build';
import { buildLoader } from './build/loader-build';
import { contentVersion } from './build/content-version';
import { conversationPageHtml, conversationPageScript } from './build/conversation-page';
import { webPath, widgetPath } from './build/paths';
import { sizeBudget } from './build/size-budget';

/**
 * The widget's builds, in order: chat.js (the chat UI, an ES module loaded on demand) with
 * conversation.html and its script; then widget.js, which needs chat.js's hash for its URL; then the demo page.
 */
function widgetCompanions(): Plugin {
  let chatVersion = '';
  return {
    name: 'parley-widget-companions',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chat = bundle['chat.js'];
      chatVersion = contentVersion(chat.type === 'chunk' ? chat.code : chat.source);
      const pageScript = conversationPageScript(`/widget/chat.js?v=${chatVersion}`);
      this.emitFile({ type: 'asset', fileName: 'conversation-page.js', source: pageScript });
      this.emitFile({
        type: 'asset',
        fileName: 'conversation.html',
        source: conversationPageHtml(
          `/widget/conversation-page.js?v=${contentVersion(pageScript)}`,
        ),
      });
    },
    async closeBundle(error) {
      if (error) return;
      await buildLoader(chatVersion);
      await buildDemo();
    },
  };
}

export default defineConfig({
  root: widgetPath('src'),
  publicDir: false,
  resolve: { alias: { '@app/contracts': widgetPath('../../libs/contracts/src') } },
  build: {
    outDir: webPath('widget'),
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: false,
    rollupOptions: {
      input: { chat: widgetPath('src/chat/index.tsx') },
      // The loader and the conversation page call chat.js's exports.
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  plugins: [sizeBudget({ 'chat.js': 40 * 1024 }), widgetCompanions()],
});
