import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COCO_IOU_THRESHOLDS, COCO_RECALL_THRESHOLDS } from './coco-thresholds.js';

// The two arrays exactly as pycocotools' Params.setDetParams builds them, printed by numpy at test
// time; repr() of a float64 round-trips, so equality here is bit-for-bit.
const NUMPY_SCRIPT = `
import json
import numpy as np
iou = np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)
rec = np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)
print(json.dumps({"iou": [float(x) for x in iou], "rec": [float(x) for x in rec]}))
`;

describe('COCO thresholds', () => {
  it('equal numpy.linspace as used by pycocotools, bit for bit', () => {
    const run = spawnSync('/usr/bin/python3', ['-c', NUMPY_SCRIPT], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const numpy = JSON.parse(run.stdout) as { iou: number[]; rec: number[] };
    expect(COCO_IOU_THRESHOLDS).toEqual(numpy.iou);
    expect(COCO_RECALL_THRESHOLDS).toEqual(numpy.rec);
    expect(COCO_RECALL_THRESHOLDS).toHaveLength(101);
    expect(COCO_RECALL_THRESHOLDS[35]).toBe(0.35000000000000003);
  });
});
