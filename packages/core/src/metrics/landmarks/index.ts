/** Landmark agreement: per-landmark Euclidean distances in mm, matched by name, and their summary. */
export {
  /** A landmark as a voxel index [i, j, k] of one image. */
  type IndexLandmark,
  /** A named point in patient space (LPS, mm). */
  type Landmark,
  /** The distance between the reference and test positions of one landmark. */
  type LandmarkDistance,
  /** Per-landmark distances with n, mean, median, max, RMSE and the names missing from either set. */
  type LandmarkDistances,
  /** Distances between same-named landmarks of two patient-space (mm) sets. */
  landmarkDistances,
  /** Distances between same-named landmarks given as voxel indices, scaled by the voxel spacing. */
  landmarkDistancesFromIndices,
} from './landmark-distances.js';
