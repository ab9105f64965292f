import { describe, expect, it } from 'vitest';
import type { DicomJsonInstance } from './dicom-json.js';
import { orderInstances } from './series-order.js';

const AXIAL = [1, 0, 0, 0, 1, 0];

function slice(sop: string, z: number | undefined, instanceNumber?: number): DicomJsonInstance {
  return {
    '00080018': { vr: 'UI', Value: [sop] },
    ...(instanceNumber !== undefined ? { '00200013': { vr: 'IS', Value: [instanceNumber] } } : {}),
    ...(z !== undefined
      ? {
          '00200032': { vr: 'DS', Value: [-10, -10, z] },
          '00200037': { vr: 'DS', Value: AXIAL },
        }
      : {}),
  };
}

const sops = (list: DicomJsonInstance[]) => list.map((i) => i['00080018']?.Value?.[0]);

describe('orderInstances', () => {
  it('orders by position along the slice normal, whatever the instance numbers say', () => {
    const ordered = orderInstances([slice('c', 5, 1), slice('a', -5, 3), slice('b', 0, 2)]);
    expect(sops(ordered)).toEqual(['a', 'b', 'c']);
  });

  it('falls back to Instance Number when a position is missing', () => {
    const ordered = orderInstances([slice('b', 0, 2), slice('c', undefined, 3), slice('a', 5, 1)]);
    expect(sops(ordered)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the given order when there is neither', () => {
    const ordered = orderInstances([slice('x', undefined), slice('y', undefined)]);
    expect(sops(ordered)).toEqual(['x', 'y']);
  });

  it('reads DS values sent as strings', () => {
    const asStrings = (sop: string, z: string): DicomJsonInstance => ({
      '00080018': { vr: 'UI', Value: [sop] },
      '00200032': { vr: 'DS', Value: ['0', '0', z] },
      '00200037': { vr: 'DS', Value: AXIAL.map(String) },
    });
    expect(sops(orderInstances([asStrings('b', '2.5'), asStrings('a', '-2.5')]))).toEqual(['a', 'b']);
  });
});
