import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Served by the gateway at /admin/ (gateway/.../console/ConsoleRoutes.java): the HTML is
// never cached, everything under assets/ carries a content hash and is cached for a year.
export default defineConfig({
  base: '/admin/',
  plugins: [vue()],
  build: {
    assetsDir: 'assets',
    chunkSizeWarningLimit: 2000,
    // the gateway answers a missing asset 404; a stale page then reloads the new one
    sourcemap: false,
  },
  server: {
    // npm run dev: the API through the local stack's gateway
    proxy: { '/api': process.env.GATEWAY_URL || 'http://127.0.0.1:8080' },
  },
})
