import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing for banana-studio: its entry names every file it loads as new URL('./file', import.meta.url).
export default defineConfig({
  plugins: [react()],
});
