import { parseAnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { answerRows } from './answer-rows.js';
import type { AnnotationOutput, ItemDetail } from './quality-api.js';

function answer(id: string, createdBy: string, choice: string): AnnotationOutput {
  return {
    id,
    labelId: 'finding',
    createdBy,
    headRevision: 1,
    payload: parseAnnotationPayload({
      schemaVersion: 1,
      type: 'classification',
      imageRef: { imageId: 'img' },
      labelId: 'finding',
      data: { level: 'image', value: { kind: 'single', choice } },
    }),
  };
}

const labels = [
  {
    id: 'finding',
    name: 'Finding',
    classification: {
      options: [
        { id: 'nod', name: 'Nodule' },
        { id: 'none', name: 'Nothing' },
      ],
    },
  },
];

function detail(annotations: ItemDetail['annotations']): ItemDetail {
  return {
    item: {
      id: 'it',
      imageId: 'img',
      seriesId: null,
      studyUid: null,
      seriesUid: null,
      status: 'disputed',
      readers: [
        { userId: 'u1', displayName: 'Ana', taskId: 't1', taskStatus: 'done' },
        { userId: 'u2', displayName: 'Mo', taskId: 't2', taskStatus: 'done' },
        { userId: 'u3', displayName: 'Li', taskId: 't3', taskStatus: 'done' },
      ],
      agreement: null,
      error: null,
      format: 'png',
      dims: [64, 64, 1],
      computedAt: null,
      worst: null,
      consensusId: null,
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
    },
    annotations,
    consensus: null,
    consensusAnnotations: [],
    maskSlices: [],
  };
}

describe('answerRows', () => {
  it("words each reader's answer by option name, in reader order, blank for no answer", () => {
    const rows = answerRows(
      detail([
        { readerId: 'u2', annotations: [answer('a2', 'u2', 'none')] },
        { readerId: 'u1', annotations: [answer('a1', 'u1', 'nod')] },
      ]),
      labels,
    );
    expect(rows).toEqual([
      {
        labelId: 'finding',
        labelName: 'Finding',
        answers: ['Image level · Answer: Nodule', 'Image level · Answer: Nothing', ''],
        unanimous: false,
      },
    ]);
  });

  it('calls equal answers unanimous, ignoring readers who gave none', () => {
    const rows = answerRows(
      detail([
        { readerId: 'u1', annotations: [answer('a1', 'u1', 'nod')] },
        { readerId: 'u3', annotations: [answer('a3', 'u3', 'nod')] },
      ]),
      labels,
    );
    expect(rows[0]!.unanimous).toBe(true);
  });

  it('has no rows when only drawings were made', () => {
    expect(answerRows(detail([]), labels)).toEqual([]);
  });
});
