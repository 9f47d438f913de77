import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/** Three pages: the speaker's screen at /, the console at /console/ and the card gallery at /cards/. The hub serves dist/. */
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        screen: resolve(here, 'index.html'),
        console: resolve(here, 'console/index.html'),
        cards: resolve(here, 'cards/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.GENIO_HUB_URL ?? 'http://127.0.0.1:8700', ws: true } },
  },
});
