import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cornerstone3D v5 needs these settings (../shared/VIEWER-NOTES.md); each one missing fails silently,
// with a blank page or a setStack that never resolves.
export default defineConfig({
  plugins: [react()],
  // The decode worker is an ES module worker (new Worker(new URL(…), {type: 'module'})).
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundling the loader breaks its worker's URL: the worker then dies without a message.
    exclude: ['@cornerstonejs/dicom-image-loader'],
    // …so its CommonJS/UMD dependencies are listed here, and metadata/utils so that only one copy of
    // each loads (a second @cornerstonejs/metadata gives "No imagePlaneModule found").
    include: [
      'dicom-parser',
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
      '@cornerstonejs/codec-libjxl/decodewasmjs',
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Cornerstone3D and vtk.js make one large chunk by nature; the warning would only be noise.
    chunkSizeWarningLimit: 8000,
  },
  server: {
    // `npm run dev -w @voxelhub/web` against a server started with `npm start` (port 8080).
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/dicomweb': 'http://127.0.0.1:8080',
    },
  },
});
