import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: a static bundle loaded from the app:// protocol (desktop) or the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
  },
});
