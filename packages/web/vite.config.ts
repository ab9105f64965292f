import react from '@vitejs/plugin-react';
import { createLogger, defineConfig } from 'vite';

/**
 * The build log without the warnings every build would repeat: the codecs' Emscripten glue and vtk.js's
 * XML reader (xmlbuilder2 → @oozcitak/url) import Node's fs, path and url on code paths a browser never
 * takes, and Vite says so for each.
 */
const logger = createLogger();
const warn = logger.warn.bind(logger);
logger.warn = (message, options) => {
  const nodeOnlyImport =
    message.includes('has been externalized for browser compatibility') &&
    /@cornerstonejs\/codec-|@oozcitak\/url/.test(message);
  if (!nodeOnlyImport) warn(message, options);
};

// Cornerstone3D v5 needs these settings (../shared/VIEWER-NOTES.md); each one missing fails silently,
// with a blank page or a setStack that never resolves.
export default defineConfig({
  plugins: [react()],
  customLogger: logger,
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
    // The plugin-timing notice only appears on a slow machine, and names no plugin of ours to change.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npm run dev -w @voxelhub/web` against a server started with `npm start` (port 8080).
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/dicomweb': 'http://127.0.0.1:8080',
    },
  },
});
