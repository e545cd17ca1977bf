import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist and served by `nodeprep ui` (src/server) under a strict CSP,
// so nothing here may need inline scripts or styles.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // The first-load budget is checked by `npm run bench` (bench/web-budget.ts), not by a warning.
    chunkSizeWarningLimit: 1000,
  },
});
