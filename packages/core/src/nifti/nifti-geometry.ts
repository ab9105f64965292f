import { determinant, type Mat3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { geometryFromRasAffine, rasAffine } from '../volume/patient-coordinates.js';
import type { NiftiHeader } from './nifti-header.js';
import { spatialUnitToMm } from './nifti-units.js';
import { directionToQuaternion, quaternionToRotation } from './quaternion.js';

/** Which header fields the geometry came from (NIfTI's methods 3, 2 and 1). */
export type NiftiGeometrySource = 'sform' | 'qform' | 'pixdim';

export interface NiftiGeometry {
  readonly geometry: ImageGeometry;
  readonly source: NiftiGeometrySource;
  readonly warnings: readonly string[];
}

/** −0 → 0, so that geometry compares equal to plain literals. */
const clean = <T extends readonly number[]>(values: T): T => values.map((v) => v + 0) as unknown as T;

/** Voxel sizes from pixdim[1..3]: zero or missing sizes become 1 mm (nifti1_io), negatives their magnitude. */
function voxelSizes(header: NiftiHeader, warnings: string[]): Vec3 {
  return [1, 2, 3].map((i) => {
    const p = header.pixdim[i]!;
    if (Number.isFinite(p) && p > 0) return p;
    if (Number.isFinite(p) && p < 0) {
      warnings.push(`pixdim[${i}] is negative (${p}); its magnitude is used`);
      return -p;
    }
    if (i <= header.dim[0]!) warnings.push(`pixdim[${i}] is ${p}; 1 mm is used`);
    return 1;
  }) as unknown as Vec3;
}

function fromSform(header: NiftiHeader, dims: Vec3, scale: number): ImageGeometry | undefined {
  const s = header.srow.map((v) => v * scale);
  const m: Mat3 = [s[0]!, s[1]!, s[2]!, s[4]!, s[5]!, s[6]!, s[8]!, s[9]!, s[10]!];
  const norms = [0, 1, 2].map((c) => Math.hypot(m[c]!, m[3 + c]!, m[6 + c]!));
  if (!s.every(Number.isFinite) || !(Math.abs(determinant(m)) > 1e-9 * norms[0]! * norms[1]! * norms[2]!)) {
    return undefined;
  }
  return geometryFromRasAffine([...s, 0, 0, 0, 1], dims);
}

function fromQform(
  header: NiftiHeader,
  dims: Vec3,
  scale: number,
  warnings: string[],
): ImageGeometry | undefined {
  if (![...header.quatern, ...header.qoffset].every(Number.isFinite)) return undefined;
  const r = quaternionToRotation(header.quatern);
  const qfac = header.pixdim[0]! < 0 ? -1 : 1;
  // RAS → LPS negates the first two rows; qfac negates the third column.
  const direction = r.map((v, i) => (i < 6 ? -v : v) * (i % 3 === 2 ? qfac : 1)) as unknown as Mat3;
  const [qx, qy, qz] = header.qoffset;
  return {
    dims,
    spacing: voxelSizes(header, warnings).map((v) => v * scale) as unknown as Vec3,
    origin: [-qx * scale, -qy * scale, qz * scale],
    direction,
  };
}

/**
 * The LPS geometry of a NIfTI header, chosen as the standard and nibabel do: the sform when
 * sform_code > 0, else the qform when qform_code > 0, else pixdim alone (RAS axes, origin 0 — the
 * standard's method 1; nibabel instead centres an Analyze-style x-flipped grid). Lengths are converted
 * to millimetres when xyzt_units says metres or micrometres.
 */
export function niftiGeometry(header: NiftiHeader, dims: Vec3): NiftiGeometry {
  const warnings: string[] = [];
  const scale = spatialUnitToMm(header.xyztUnits);
  if (scale !== 1)
    warnings.push(`NIfTI lengths are in ${scale > 1 ? 'metres' : 'micrometres'}; converted to mm`);
  let geometry: ImageGeometry | undefined;
  if (header.sformCode > 0) {
    geometry = fromSform(header, dims, scale);
    if (geometry) return finish(geometry, 'sform', warnings);
    warnings.push('the sform is singular or not finite; the qform or pixdim is used instead');
  }
  if (header.qformCode > 0) {
    geometry = fromQform(header, dims, scale, warnings);
    if (geometry) return finish(geometry, 'qform', warnings);
    warnings.push('the qform is not finite; pixdim alone is used');
  }
  const spacing = voxelSizes(header, warnings).map((v) => v * scale) as unknown as Vec3;
  return finish(
    { dims, spacing, origin: [0, 0, 0], direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1] },
    'pixdim',
    warnings,
  );
}

function finish(geometry: ImageGeometry, source: NiftiGeometrySource, warnings: string[]): NiftiGeometry {
  const { dims, spacing, origin, direction } = geometry;
  return {
    geometry: { dims, spacing, origin: clean(origin), direction: clean(direction) },
    source,
    warnings,
  };
}

/** The transform fields of a header that stores `geometry`: exact sform, nearest-rotation qform. */
export interface NiftiTransforms {
  readonly srow: readonly number[];
  readonly quatern: readonly [number, number, number];
  readonly qoffset: readonly [number, number, number];
  readonly qfac: 1 | -1;
  readonly pixdim: Vec3;
}

export function niftiTransforms(geometry: ImageGeometry): NiftiTransforms {
  const ras = rasAffine(geometry);
  const d = geometry.direction;
  // LPS → RAS negates the first two rows of the direction.
  const rasDirection = d.map((v, i) => (i < 6 ? -v : v)) as unknown as Mat3;
  const { quatern, qfac } = directionToQuaternion(rasDirection);
  return {
    srow: clean(ras.slice(0, 12)),
    quatern: clean(quatern),
    qoffset: [ras[3]!, ras[7]!, ras[11]!],
    qfac,
    pixdim: geometry.spacing,
  };
}
