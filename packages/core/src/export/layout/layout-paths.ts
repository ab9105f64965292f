/** File-name helpers for layout recognition; paths are relative, with forward slashes. */

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function depth(path: string): number {
  return path.split('/').length;
}

/** The one shallowest file named `name`, or undefined; two at the same depth are ambiguous. */
export function shallowest(paths: readonly string[], name: string): string | undefined {
  const found = paths.filter((p) => baseName(p) === name);
  if (found.length === 0) return undefined;
  const top = Math.min(...found.map(depth));
  const tops = found.filter((p) => depth(p) === top);
  return tops.length === 1 ? tops[0] : undefined;
}

const IMAGE_EXTENSIONS = ['.nii.gz', '.nii', '.png', '.jpg', '.jpeg', '.dcm'];

/** A file Voxelhub imports as an image by its name (DICOM without an extension is found by content). */
export function isImageName(path: string): boolean {
  const lower = path.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A name DICOM files commonly have: `.dcm`, `.dicom`, `.ima`, or no extension at all (`IM0001`, `1.2.3.4`). */
export function maybeDicomName(path: string): boolean {
  const name = baseName(path).toLowerCase();
  if (name.startsWith('.')) return false;
  if (/\.(dcm|dicom|ima)$/.test(name)) return true;
  return !/\.[a-z][a-z0-9]{0,4}$/.test(name);
}
