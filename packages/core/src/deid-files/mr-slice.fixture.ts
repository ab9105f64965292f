import { readNifti } from '../nifti/read-nifti.js';

/**
 * The middle slice of a real MR volume (dcm_qa_ts's 64×64×35 EPI), as 16-bit and 8-bit grey, for
 * PNG and JPEG fixtures. Takes the .nii bytes so that this file stays free of node: imports.
 */
export function mrSlice(nii: Uint8Array): {
  width: number;
  height: number;
  grey16: Uint16Array;
  grey8: Uint8Array;
} {
  const image = readNifti(nii);
  const [width, height, depth] = image.dims;
  const plane = width * height;
  const values = Array.from(image.data.subarray(plane * (depth >> 1), plane * ((depth >> 1) + 1)), Number);
  const max = Math.max(...values, 1);
  return {
    width,
    height,
    grey16: Uint16Array.from(values, (v) => Math.max(0, v)),
    grey8: Uint8Array.from(values, (v) => Math.round((Math.max(0, v) / max) * 255)),
  };
}
