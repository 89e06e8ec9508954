/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // the shared package is zod + TypeScript only, so the web bundles its sources directly
    alias: {
      '@jointduty/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  define: {
    // vue-i18n bundler flags: composition API only, no devtools in production
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // ECharts (the wall's and the leader's maps and charts) is one ~210 kB gzipped vendor chunk
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // the shared sources have no side effects: the web takes its types and constants
      // without pulling in the feed schemas (and zod) it never calls
      treeshake: { moduleSideEffects: (id) => !id.replaceAll('\\', '/').includes('/shared/src/') },
      output: {
        // long-lived vendor chunks, so a new app build does not invalidate them on the wall
        manualChunks(id) {
          if (/node_modules[\\/](socket\.io-|engine\.io-|@socket\.io)/.test(id)) return 'socket';
          if (/node_modules[\\/](@?vue|pinia|vue-router|vue-i18n|@intlify)/.test(id)) return 'vue';
          if (/node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'charts';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/socket.io': { target: backend, ws: true, changeOrigin: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
    // some specs load whole pages (the wall pulls in ECharts): slow on a busy 2-core CI machine
    testTimeout: 20_000,
  },
});
