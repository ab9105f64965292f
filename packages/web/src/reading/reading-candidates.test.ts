import { describe, expect, it } from 'vitest';
import type { ImageRecord, Study } from '../api/api-types.js';
import {
  groupCandidates,
  itemsRequest,
  matchingCandidates,
  readingCandidates,
  selectionProblem,
  targetKey,
  unsentCandidates,
} from './reading-candidates.js';

const studies: Study[] = [
  {
    id: 'st1',
    studyInstanceUid: '1.2.3',
    subject: 'SUBJ-01',
    studyDate: '20240102',
    description: 'CT chest',
    series: [
      { id: 'se1', seriesInstanceUid: '1.2.3.4', modality: 'CT', description: 'Axial', imageCount: 40 },
      { id: 'se2', seriesInstanceUid: '1.2.3.5', modality: 'CT', description: null, imageCount: 1 },
    ],
  },
];

const image = (id: string, format: string, seriesId: string | null = null): ImageRecord => ({
  id,
  format,
  seriesId,
  sopInstanceUid: null,
  modality: format === 'nifti' ? 'MR' : null,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('readingCandidates', () => {
  const candidates = readingCandidates(studies, [
    image('n1', 'nifti'),
    image('p1', 'png'),
    image('d1', 'dicom', 'se1'),
  ]);

  it('offers each DICOM series and each image outside a series, never a DICOM image alone', () => {
    expect(candidates.map((c) => [c.key, c.name, c.details, c.group])).toEqual([
      ['series:se1', 'SUBJ-01 · Axial', 'CT, 40 images', 'DICOM series'],
      ['series:se2', 'SUBJ-01 · 1.2.3.5', 'CT, 1 image', 'DICOM series'],
      ['image:n1', 'n1', 'NIFTI, MR', 'NIfTI images'],
      ['image:p1', 'p1', 'PNG', 'PNG images'],
    ]);
  });

  // The viewer annotates a series of several instances as the series, and a single instance (a radiograph,
  // a cine) as that image (viewer/annotate/annotation-place.ts): the item must be where the annotations are.
  it('makes a series of one instance an item on its image, every other series an item on itself', () => {
    expect(candidates.map((c) => c.target)).toEqual([
      { seriesId: 'se1' },
      { onlyImageOf: 'se2' },
      { imageId: 'n1' },
      { imageId: 'p1' },
    ]);
    expect(candidates[1]!.sentAs).toEqual(['series:se2', 'series-uid:1.2.3.5']);
  });

  it('leaves out what an item exists for, however that item names it', () => {
    const left = (sent: string[]) => unsentCandidates(candidates, new Set(sent)).map((c) => c.key);
    expect(left([])).toEqual(['series:se1', 'series:se2', 'image:n1', 'image:p1']);
    expect(left(['series:se1', 'image:p1'])).toEqual(['series:se2', 'image:n1']);
    expect(left(['series-uid:1.2.3.5'])).toEqual(['series:se1', 'image:n1', 'image:p1']);
  });

  it('groups them in the order they come', () => {
    expect(groupCandidates(candidates).map((g) => [g.group, g.candidates.length])).toEqual([
      ['DICOM series', 2],
      ['NIfTI images', 1],
      ['PNG images', 1],
    ]);
  });

  it('finds them by every word typed, in any case', () => {
    expect(matchingCandidates(candidates, 'subj axial').map((c) => c.key)).toEqual(['series:se1']);
    expect(matchingCandidates(candidates, ' MR ').map((c) => c.key)).toEqual(['image:n1']);
    expect(matchingCandidates(candidates, '')).toHaveLength(4);
  });

  it('asks for the picked ones in the list’s order, a series of one instance as its image', async () => {
    const looked: string[] = [];
    const request = await itemsRequest(
      candidates,
      new Set(['image:p1', 'series:se2', 'series:se1']),
      async (seriesId) => {
        looked.push(seriesId);
        return 'dicom-image-7';
      },
    );
    expect(request.body).toEqual({
      items: [{ seriesId: 'se1' }, { imageId: 'dicom-image-7' }, { imageId: 'p1' }],
    });
    expect(looked).toEqual(['se2']);
    // The created item comes back as image dicom-image-7: it is named as the series was.
    expect(request.names.get('image:dicom-image-7')).toBe('SUBJ-01 · 1.2.3.5');
    expect(request.names.get('series:se1')).toBe('SUBJ-01 · Axial');
  });
});

describe('targetKey', () => {
  it('tells images from series, and refuses a target with neither', () => {
    expect(targetKey({ imageId: 'a', seriesId: null })).toBe('image:a');
    expect(targetKey({ imageId: null, seriesId: 'b' })).toBe('series:b');
    expect(() => targetKey({ imageId: null, seriesId: null })).toThrow(TypeError);
  });
});

describe('selectionProblem', () => {
  it('wants 1 to 1000 picks, the server’s limit per request', () => {
    expect(selectionProblem(0)).toBe('pick at least one image or series');
    expect(selectionProblem(1)).toBeNull();
    expect(selectionProblem(1000)).toBeNull();
    expect(selectionProblem(1001)).toBe('send at most 1000 at a time (1001 are picked)');
  });
});
