/** Options that generateDemoDataset refuses; code INVALID_OPTIONS, the message names the bad field. */
export class DemoOptionsError extends Error {
  override readonly name = 'DemoOptionsError';
  readonly code = 'INVALID_OPTIONS' as const;
}
