// Builds the React web app (web/) into web/dist, which the server serves; the dev server proxies /api.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const apiTarget = process.env.STAMMKUNDE_API ?? 'http://127.0.0.1:3300';

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // Every text asset also as .br and .gz beside it: the server sends the precompressed file the
    // browser accepts (no proxy needed), at maximum ratio because it is done once at build.
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      threshold: 1024,
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
