import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { statusApi } from './server/status-api.ts'

export default defineConfig({
  plugins: [react(), statusApi()],
  resolve: {
    // 'tickwork-source' first: workspace packages resolve to their TypeScript
    // sources, so the demo runs with no build step. Vite's defaults follow.
    conditions: ['tickwork-source', 'module', 'browser', 'development|production'],
  },
  server: { port: 5173, strictPort: false },
  // Pre-bundled at start-up, so the first page load never triggers a re-optimisation reload.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@tickwork/devtools > zustand', '@tickwork/devtools > zustand/vanilla', '@tickwork/devtools > zustand/react/shallow', '@tickwork/devtools > @tanstack/react-virtual'],
  },
  preview: { port: 4173, strictPort: false },
  build: { sourcemap: false, target: 'es2022' },
})
