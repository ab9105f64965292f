/** What kind of file a path holds, told from its first bytes (and its name only where bytes can't tell). */
export type FileFormat = 'dicom' | 'nifti' | 'nifti-header' | 'png' | 'jpeg' | 'other';

function isGzip(b: Uint8Array): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function niftiSizeofHdr(b: Uint8Array): number | undefined {
  if (b.length < 4) return undefined;
  const le = b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
  const be = (b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!;
  return [348, 540].find((n) => n === le || n === be);
}

function looksLikeDicomDataset(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const groupLE = b[0]! | (b[1]! << 8);
  const groupBE = (b[0]! << 8) | b[1]!;
  return groupLE === 0x0002 || groupLE === 0x0008 || groupBE === 0x0008;
}

export function classifyFile(path: string, head: Uint8Array): FileFormat {
  if (head.length >= 132 && String.fromCharCode(...head.subarray(128, 132)) === 'DICM') return 'dicom';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const lower = path.toLowerCase();
  if (isGzip(head)) return lower.endsWith('.nii.gz') || lower.endsWith('.nii') ? 'nifti' : 'other';
  const sizeofHdr = niftiSizeofHdr(head);
  if (sizeofHdr !== undefined) {
    const magic = String.fromCharCode(
      ...head.subarray(sizeofHdr === 348 ? 344 : 4, sizeofHdr === 348 ? 347 : 7),
    );
    if (magic === 'n+1' || magic === 'n+2') return 'nifti';
    if (magic === 'ni1' || magic === 'ni2') return 'nifti-header';
  }
  if (looksLikeDicomDataset(head)) return 'dicom';
  return 'other';
}
