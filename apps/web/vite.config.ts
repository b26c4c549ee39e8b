import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

// Builds to apps/web/dist (hashed files under dist/assets), which the API serves in production.
// In development (`npm run dev`) the API runs on :3000 and Vite proxies /api to it, websockets included.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets' },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true, ws: true },
    },
  },
});
