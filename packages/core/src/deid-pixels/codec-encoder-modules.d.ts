// The full (encoder and decoder) Emscripten builds of the @cornerstonejs codec packages; core's
// dicom/pixel/codecs/codec-modules.d.ts declares the decode-only builds (and codec-openjph, one build).

declare module '@cornerstonejs/codec-charls/wasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
