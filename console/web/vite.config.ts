import { defineConfig } from 'vite';

// `npm run dev` serves the page with the APIs of a running `./layerline up` behind /proxy and /console.
export default defineConfig({
  server: {
    proxy: {
      '/proxy': 'http://localhost:8080',
      '/console': 'http://localhost:8080',
    },
  },
  build: {
    // elkjs, the graph's layout engine, is one 1.4 MB chunk of its own, loaded by the catalog area only
    chunkSizeWarningLimit: 1600,
  },
});
