const IMAGE_EXTENSIONS = ['.nii.gz', '.nii', '.png', '.jpg', '.jpeg', '.dcm'];

/** A file imported as an image by its name (as core's layout recognition tells them). */
export function isImageName(path: string): boolean {
  const lower = path.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
