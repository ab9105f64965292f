import { describe, expect, it } from 'vitest';
import { IDENTITY3 } from '../geometry/matrix3.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { AnnotationPayloadError } from './annotation-payload-error.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, point, WHOLE_IMAGE } from './test-payloads.js';

const geometry: ImageGeometry = {
  dims: [10, 10, 5],
  spacing: [0.5, 0.5, 2],
  origin: [-10, 20, 100],
  direction: IDENTITY3,
};

describe('landmark', () => {
  it('loads the current version (2) with the point in both spaces', () => {
    const p = payload('landmark', { name: 'carina', point: point(6, 8, 1) }, WHOLE_IMAGE, 2);
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['an empty name', { name: '', point: point(0, 0) }, 'data.name'],
    ['a name over 256 characters', { name: 'x'.repeat(257), point: point(0, 0) }, 'data.name'],
    ['an index-only point', { name: 'a', point: [1, 2, 3] }, 'data.point'],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('landmark', data, WHOLE_IMAGE, 2))).toContain(path);
  });

  describe('migration v1 → v2 (index space only → both spaces)', () => {
    const v1 = payload('landmark', { name: 'carina', point: [6, 8, 1] }, WHOLE_IMAGE, 1);

    it('computes the patient point from the image geometry: origin + spacing × index', () => {
      const loaded = parseAnnotationPayload(v1, {
        geometryOf: (id) => (id === 'img-1' ? geometry : undefined),
      });
      expect(loaded).toEqual({
        ...v1,
        schemaVersion: 2,
        data: { name: 'carina', point: { index: [6, 8, 1], patient: [-7, 24, 102] } },
      });
    });

    it('does not mutate the stored v1 payload', () => {
      const stored = JSON.parse(JSON.stringify(v1));
      parseAnnotationPayload(stored, { geometryOf: () => geometry });
      expect(stored).toEqual(v1);
    });

    it('reports MIGRATION_FAILED naming data.point when the image geometry is unknown', () => {
      const error = (() => {
        try {
          parseAnnotationPayload(v1);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AnnotationPayloadError);
      expect((error as AnnotationPayloadError).code).toBe('MIGRATION_FAILED');
      expect((error as AnnotationPayloadError).issues.map((i) => i.path)).toEqual(['data.point']);
      expect((error as AnnotationPayloadError).message).toContain('img-1');
    });

    it('validates v1 data with the frozen v1 schema before upgrading', () => {
      const broken = payload('landmark', { name: 'carina', point: [6, 'x', 1] }, WHOLE_IMAGE, 1);
      expect(failingPaths(broken)).toEqual(['data.point[1]']);
    });
  });
});
