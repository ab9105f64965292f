import { describe, expect, it } from 'vitest';
import { formatDicomDate, imageDetailsOf } from './image-details.js';

describe('imageDetailsOf', () => {
  it('reads modality, series description and study date, and nothing that names the patient', () => {
    const details = imageDetailsOf({
      '00080060': { vr: 'CS', Value: ['CT'] },
      '0008103E': { vr: 'LO', Value: ['Chest 2.5 mm '] },
      '00080020': { vr: 'DA', Value: ['20240131'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
      '00100020': { vr: 'LO', Value: ['MRN-123'] },
    });
    expect(details).toEqual({ modality: 'CT', seriesDescription: 'Chest 2.5 mm', date: '2024-01-31' });
    expect(JSON.stringify(details)).not.toMatch(/Doe|MRN/);
  });

  it('falls back to the series date, and leaves out what is missing', () => {
    expect(imageDetailsOf({ '00080021': { vr: 'DA', Value: ['19991231'] } })).toEqual({ date: '1999-12-31' });
    expect(imageDetailsOf({})).toEqual({});
  });

  it('shows only well-formed dates', () => {
    expect(formatDicomDate('2024013')).toBeUndefined();
    expect(formatDicomDate(undefined)).toBeUndefined();
  });
});
