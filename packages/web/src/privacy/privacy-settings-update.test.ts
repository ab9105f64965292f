import { describe, expect, it } from 'vitest';
import type { Project } from '../api/api-types.js';
import { withPrivacyChange } from './privacy-settings-update.js';

const project: Project = {
  id: 'p1',
  name: 'Head CT',
  description: '',
  role: 'owner',
  createdAt: '2026-01-01T00:00:00Z',
  imageCount: 0,
  labels: [],
  memberCount: 1,
  requireDeidentification: true,
  settings: {
    reading: 'blind',
    readersPerItem: 1,
    assignment: 'round-robin',
    quality: {
      defaults: { dice: 0.8, f1: 0.8, distanceMm: 5, labelAgreement: 0.6 },
      thresholds: {},
      maskConsensus: 'staple',
    },
    deidentification: {
      options: ['cleanDescriptors'],
      burnedInRules: [{ name: 'US', modality: 'US' }],
    },
  },
};

describe('withPrivacyChange', () => {
  it('changes only what the change names', () => {
    const off = withPrivacyChange(project, { requireDeidentification: false });
    expect(off.requireDeidentification).toBe(false);
    expect(off.settings).toEqual(project.settings);
    const options = withPrivacyChange(project, { options: ['retainUIDs'] });
    expect(options.settings.deidentification).toEqual({
      options: ['retainUIDs'],
      burnedInRules: [{ name: 'US', modality: 'US' }],
    });
    expect(options.requireDeidentification).toBe(true);
  });

  it('leaves the project it was given alone', () => {
    withPrivacyChange(project, { burnedInRules: [] });
    expect(project.settings.deidentification.burnedInRules).toHaveLength(1);
  });
});
