/** A valid landmark payload (core's schema, version 2) at voxel (x, y, 0) of a 1 mm grid. */
export function landmark(labelId: string, imageId: string, x: number, y: number) {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { name: `p-${x}-${y}`, point: { index: [x, y, 0], patient: [x, y, 0] } },
  };
}
