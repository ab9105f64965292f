import type { ImageSummary } from '@voxelhub/core';

/** A file name stem that is safe on every filesystem: letters, digits, '-', '_' and '.' only. */
function safe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 80);
}

/**
 * Output stems named like dcm2niix's default (description and series number), made unique with
 * a letter suffix when two images would share a name.
 */
export function outputStems(summaries: readonly ImageSummary[]): string[] {
  const taken = new Map<string, number>();
  return summaries.map((s, i) => {
    const base =
      s.format === 'dicom'
        ? safe(
            [s.seriesDescription ?? s.modality ?? 'series', s.seriesNumber ?? ''].filter(Boolean).join('_'),
          )
        : safe((s.path.split('/').pop() ?? 'image').replace(/\.(nii\.gz|nii|png|jpe?g)$/i, ''));
    const stem = base || `image_${i + 1}`;
    const n = taken.get(stem) ?? 0;
    taken.set(stem, n + 1);
    return n === 0
      ? stem
      : `${stem}_${String.fromCharCode(97 + ((n - 1) % 26))}${n > 26 ? Math.floor((n - 1) / 26) : ''}`;
  });
}
