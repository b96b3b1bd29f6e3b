import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Run from the repo root: `vite build --config web/vite.config.ts` → web/dist.
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Brotli and gzip copies of the built scripts and styles, which the server sends to browsers that accept
 * them (@fastify/static preCompressed): the UI's ~2.0 MB of scripts and styles are ~0.65 MB in brotli, which is what
 * a colleague's browser on the office network waits for when it opens a page the first time.
 */
function precompress(): Plugin {
  return {
    name: 'zhizhi-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(root, 'dist', 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const body = readFileSync(join(assets, name));
        if (body.length < 1024) continue;
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
