import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The dashboard speaks to the server only through @iris/shared's contracts, read from source.
// In development, /api and /socket.io go to a locally running server (IRIS_SERVER_URL).
const server = process.env.IRIS_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: { '@iris/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
