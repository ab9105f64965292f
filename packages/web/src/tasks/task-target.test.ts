import { describe, expect, it } from 'vitest';
import type { Study } from '../api/api-types.js';
import { seriesLocations, viewerPathOf } from './task-target.js';
import type { Task } from './task-types.js';

const studies: Study[] = [
  {
    id: 'st1',
    studyInstanceUid: '1.2.3',
    subject: 'S1',
    studyDate: null,
    description: null,
    series: [
      { id: 'se1', seriesInstanceUid: '1.2.3.4', modality: 'CT', description: 'Axial', imageCount: 40 },
    ],
  },
];

const base: Task = {
  id: 't',
  projectId: 'p',
  imageId: null,
  seriesId: 'se1',
  assigneeId: null,
  status: 'todo',
  createdAt: '',
  updatedAt: '',
  startedAt: null,
  completedAt: null,
};

describe('viewerPathOf', () => {
  const locations = seriesLocations(studies);
  it('opens a series task in the viewer', () => {
    expect(viewerPathOf('p', base, locations)).toBe('/projects/p/studies/1.2.3/series/1.2.3.4');
  });
  it('opens an image task on its image', () => {
    expect(viewerPathOf('p', { ...base, seriesId: null, imageId: 'i' }, locations)).toBe(
      '/projects/p/images/i',
    );
  });
  it('has no address for an unknown series', () => {
    expect(viewerPathOf('p', { ...base, seriesId: 'other' }, locations)).toBeNull();
  });
});
