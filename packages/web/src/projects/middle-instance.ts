/** A DICOM JSON instance as QIDO-RS answers it: only what choosing the middle slice needs. */
export interface QidoInstance {
  readonly '00080018'?: { readonly Value?: readonly string[] };
  readonly '00200013'?: { readonly Value?: readonly number[] };
}

/** The SOP Instance UID in the middle of the series by Instance Number (the first when unnumbered). */
export function middleInstance(instances: readonly QidoInstance[]): string | undefined {
  const sorted = [...instances].sort(
    (a, b) => (a['00200013']?.Value?.[0] ?? 0) - (b['00200013']?.Value?.[0] ?? 0),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)]?.['00080018']?.Value?.[0];
}
