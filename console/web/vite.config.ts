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
    sourcemap: true,
  },
});
