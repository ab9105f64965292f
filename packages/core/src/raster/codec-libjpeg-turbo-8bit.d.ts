// The package ships no types; this names only the Emscripten factory, typed precisely in libjpeg-turbo.ts.
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (overrides?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
