// Bundles the compiled CLI and the core it uses into one ES module, packages/cli/dist/voxelhub.mjs.
// Why: Node 20 spends ~150 ms resolving and compiling the ~130 small modules of core one by one;
// one file starts in a fraction of that, which is most of `voxelhub info`'s time on a small folder.
// The WebAssembly codec packages stay external: they locate their .wasm files beside themselves.
import { build } from 'esbuild';

await build({
  entryPoints: ['packages/cli/dist/main.js'],
  outfile: 'packages/cli/dist/voxelhub.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // The server (and Fastify, Kysely, better-sqlite3 behind it) loads only for `voxelhub serve`.
  external: ['@cornerstonejs/*', 'dcmjs', 'dcmjs-codecs', 'jpeg-lossless-decoder-js', '@voxelhub/server'],
  // Bundled CommonJS dependencies (dicom-parser) may call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
