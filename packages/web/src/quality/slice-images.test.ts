import { describe, expect, it } from 'vitest';
import { imageFileUrl, instanceFrameUrls, renderedFrameUrls, slicePlan } from './slice-images.js';

const base = 'https://vh.test/dicomweb/projects/p/studies/1.2/series/1.2.3';
const frames = [
  { imageId: `wadors:${base}/instances/1.2.3.1/frames/1` },
  { imageId: `wadors:${base}/instances/1.2.3.2/frames/1` },
  { imageId: `wadors:${base}/instances/1.2.3.2/frames/2` },
];

describe('renderedFrameUrls', () => {
  it("makes each frame's WADO-RS rendered URL in stack order", () => {
    expect(renderedFrameUrls(frames)).toEqual([
      `${base}/instances/1.2.3.1/frames/1/rendered`,
      `${base}/instances/1.2.3.2/frames/1/rendered`,
      `${base}/instances/1.2.3.2/frames/2/rendered`,
    ]);
  });

  it("keeps one instance's frames for an image item", () => {
    expect(renderedFrameUrls(frames, '1.2.3.2')).toEqual([
      `${base}/instances/1.2.3.2/frames/1/rendered`,
      `${base}/instances/1.2.3.2/frames/2/rendered`,
    ]);
    // 1.2.3.2 must not match 1.2.3.21 by prefix: the path segment ends in /frames/.
    expect(renderedFrameUrls([{ imageId: `wadors:${base}/instances/1.2.3.21/frames/1` }], '1.2.3.2')).toEqual(
      [],
    );
  });
});

describe('imageFileUrl', () => {
  it('serves PNG and JPEG as stored and nothing else', () => {
    expect(imageFileUrl('p 1', 'i/2', 'png')).toBe('/api/projects/p%201/images/i%2F2/file');
    expect(imageFileUrl('p', 'i', 'jpeg')).toBe('/api/projects/p/images/i/file');
    expect(imageFileUrl('p', 'i', 'nifti')).toBeNull();
  });
});

describe('instanceFrameUrls', () => {
  it("lists an instance's frames 1 … n on the same-origin DICOMweb, escaped", () => {
    expect(instanceFrameUrls('p 1', { studyUid: '1.2', seriesUid: '1.2.3' }, '1.2.3.4', 2)).toEqual([
      '/dicomweb/projects/p%201/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/1/rendered',
      '/dicomweb/projects/p%201/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/2/rendered',
    ]);
  });
});

describe('slicePlan', () => {
  const series = { studyUid: '1.2', seriesUid: '1.2.3' };
  const image = { ...series, imageId: 'i', frames: 1 };

  it('needs no request for a PNG or JPEG (the stored file) nor for a NIfTI (not drawn here)', () => {
    expect(slicePlan('p', { ...image, studyUid: null, seriesUid: null, format: 'png' })).toEqual({
      kind: 'ready',
      images: { kind: 'slices', urls: ['/api/projects/p/images/i/file'] },
    });
    const nifti = slicePlan('p', { ...image, studyUid: null, seriesUid: null, format: 'nifti', frames: 40 });
    expect(nifti).toMatchObject({ kind: 'ready', images: { kind: 'none' } });
  });

  it('needs only the SOP Instance UID of a DICOM image whose frame count the item gives', () => {
    expect(slicePlan('p', { ...image, format: 'dicom', frames: 3 })).toEqual({
      kind: 'instance',
      imageId: 'i',
      frames: 3,
    });
  });

  it("reads the series' order for a series item or a DICOM image of unknown dims", () => {
    expect(slicePlan('p', { ...series, imageId: null, format: null, frames: null })).toEqual({
      kind: 'series',
      imageId: null,
    });
    expect(slicePlan('p', { ...image, format: 'dicom', frames: null })).toEqual({
      kind: 'series',
      imageId: 'i',
    });
  });

  it('reads the image record first when the item does not say the format', () => {
    expect(slicePlan('p', { ...image, format: null })).toEqual({ kind: 'record', imageId: 'i' });
  });

  it('says why when there is nothing to draw', () => {
    const nothing = slicePlan('p', {
      imageId: null,
      studyUid: null,
      seriesUid: null,
      format: null,
      frames: null,
    });
    expect(nothing).toMatchObject({ kind: 'ready', images: { kind: 'none' } });
    // A DICOM image outside any series cannot be rendered by WADO-RS.
    const loose = slicePlan('p', { ...image, studyUid: null, seriesUid: null, format: 'dicom' });
    expect(loose).toMatchObject({ kind: 'ready', images: { kind: 'none' } });
  });
});
