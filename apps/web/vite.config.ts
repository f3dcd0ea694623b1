import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { constants } from 'node:zlib';

// In development the API runs on :3000 (`npm run dev`); the built app is served by the API itself,
// which sends these precompressed .br / .gz files (a phone on a village network waits for bytes).
export default defineConfig({
  plugins: [
    react(),
    // Installable app with a service worker that precaches the whole build (docs/offline.md).
    // 'prompt': a new build waits until the user presses 刷新 in the update banner
    // (src/pwa/update-prompt.tsx); a page never runs a mix of old and new files.
    VitePWA({
      registerType: 'prompt',
      // Registered from src/pwa/update-prompt.tsx (useRegisterSW), after the page has loaded.
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: '普法台账',
        short_name: '普法台账',
        description: '普法宣传台账：乡镇司法所普法活动登记、统计与上报',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f5f5',
        theme_color: '#0958d9',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The built app: scripts, styles, the page and the icons. Not the .br/.gz copies (the
        // server picks them by Accept-Encoding) and never the API.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Deep links (/events/12) open offline from the cached page; /api/ is left to the network.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // No runtime caching: the API is never cached by the service worker (IndexedDB holds
        // offline data, see docs/offline.md).
        runtimeCaching: [],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
    compression({
      algorithms: [defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 1024,
    }),
  ],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: { chunkSizeWarningLimit: 2000 },
});
