import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The dashboard is served by nginx at /app/ (dist/web/app); `vite` alone serves it for
// development with the API proxied to a running `npm start`.
export default defineConfig({
  root: here('.'),
  base: '/app/',
  resolve: { alias: { '@app/contracts': here('../../libs/contracts/src') } },
  build: { outDir: here('../../dist/web/app'), emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
