import { majorityLabel, majorityVoteMasks, meanLandmarks, staple, weightedBoxFusion } from '@voxelhub/core';
import {
  type AnnotationPayload,
  annotationPayloadSchema,
  CURRENT_SCHEMA_VERSIONS,
} from '@voxelhub/core/annotation';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import type { AnnotationHead } from '../annotations/annotation-rows.js';
import type { QualitySettings } from '../projects/project-settings.js';
import type { LabelMaterial } from './item-agreement.js';
import type { ConsensusLabel } from './quality-schemas.js';

/** Weighted box fusion's clustering IoU (Solovyev et al. 2021 use 0.55). */
export const WBF_IOU = 0.55;
/** A fused box (or a mean landmark) is kept when more than this share of readers drew it… or exactly half of two. */
export const MIN_SUPPORT = 0.5;

/** A consensus annotation to create: its payload, and the label map bytes when it is one. */
export interface ConsensusAnnotation {
  readonly payload: AnnotationPayload;
  readonly labelMap?: { readonly bytes: Uint8Array; readonly dims: [number, number, number] };
}

export interface LabelConsensus {
  readonly entry: Omit<ConsensusLabel, 'annotationIds'>;
  readonly annotations: ConsensusAnnotation[];
}

function payloadOf(
  type: AnnotationPayload['type'],
  labelId: string,
  imageRef: AnnotationPayload['imageRef'],
  data: unknown,
): AnnotationPayload {
  return annotationPayloadSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
    type,
    labelId,
    imageRef,
    data,
  });
}

/**
 * The consensus of one label from what its agreement was measured on: STAPLE or majority vote for masks,
 * weighted box fusion for boxes, the mean position for landmarks, the majority answer for classifications
 * (none, and a flag for adjudication, when there is no majority). Pure: storing it is store-consensus.ts.
 */
export function buildLabelConsensus(
  material: LabelMaterial,
  readers: readonly string[],
  byReader: ReadonlyMap<string, readonly AnnotationHead[]>,
  settings: QualitySettings,
  maskMethod: 'staple' | 'majority-vote' = settings.maskConsensus,
): LabelConsensus {
  const { label } = material;
  switch (material.kind) {
    case 'masks': {
      const { geometry, masks } = material.masks;
      const inputs = readers.map((r) => masks.get(r)!);
      const firstMap = readers
        .flatMap((r) => byReader.get(r) ?? [])
        .find((h) => h.labelId === label.id && h.payload.type === 'segmentation');
      const imageRef = { imageId: firstMap?.payload.imageRef.imageId ?? '' };
      let voxels: Uint8Array;
      let entry: LabelConsensus['entry'];
      if (maskMethod === 'staple') {
        const result = staple(inputs);
        voxels = result.consensus;
        entry = {
          labelId: label.id,
          method: 'staple',
          parameters: {
            maxIterations: 100,
            tolerance: 1e-7,
            prior: result.prior,
            iterations: result.iterations,
            converged: result.converged,
          },
          readers: readers.map((userId, i) => ({
            userId,
            sensitivity: finiteOr(result.readers[i]!.sensitivity),
            specificity: finiteOr(result.readers[i]!.specificity),
          })),
        };
      } else {
        voxels = majorityVoteMasks(inputs, { labels: [1], tieBreak: 'background' }) as Uint8Array;
        entry = {
          labelId: label.id,
          method: 'majority-vote',
          parameters: { rule: 'more than half of the readers', tieBreak: 'background' },
        };
      }
      const bytes = labelMapToNifti({ dims: geometry.dims, voxels }, geometry, { gzip: true });
      const data = {
        representation: 'labelMap',
        blobKey: '0'.repeat(64),
        format: 'nifti',
        segments: [{ index: 1, labelId: label.id, name: label.name, colour: label.colour, locked: false }],
      };
      return {
        entry,
        annotations: [
          {
            payload: payloadOf('segmentation', label.id, imageRef, data),
            labelMap: { bytes, dims: [...geometry.dims] },
          },
        ],
      };
    }
    case 'boxes':
      return boxConsensus(material, readers);
    case 'landmarks':
      return landmarkConsensus(material, readers);
    case 'answers': {
      const votes = readers.map((r) => material.answers.get(r) ?? null);
      const result = majorityLabel(votes);
      const entry = {
        labelId: label.id,
        method: 'majority-label' as const,
        parameters: { minimumFraction: 0.5, votes: result.votes, abstentions: result.abstentions },
        needsAdjudication: result.needsAdjudication,
      };
      if (result.value === null) return { entry, annotations: [] };
      const winner = readers.find((r) => material.answers.get(r) === result.value)!;
      const head = [...(byReader.get(winner) ?? [])]
        .reverse()
        .find((h) => h.labelId === label.id && h.payload.type === 'classification')!;
      return {
        entry,
        annotations: [
          { payload: payloadOf('classification', label.id, head.payload.imageRef, head.payload.data) },
        ],
      };
    }
  }
}

function finiteOr(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function boxConsensus(
  material: Extract<LabelMaterial, { kind: 'boxes' }>,
  readers: readonly string[],
): LabelConsensus {
  const { label, boxes } = material;
  const annotations: ConsensusAnnotation[] = [];
  const slices = new Set(readers.flatMap((r) => [...(boxes.get(r)?.keys() ?? [])]));
  for (const key of [...slices].sort()) {
    const perReader = readers.map((r) => boxes.get(r)?.get(key) ?? []);
    const fused = weightedBoxFusion(
      perReader.map((list) => list.map((x) => ({ ...x.box, score: 1 }))),
      { iouThreshold: WBF_IOU },
    );
    for (const box of fused) {
      if (box.support / readers.length < MIN_SUPPORT) continue;
      // Every reader's box has score 1, so the fused box is the plain mean of its members; the same mean
      // of their patient corners is the fused box in patient space (the index → patient map is affine).
      const members = box.sources.map((s) => perReader[s.reader]![s.box]!.head);
      const corners = members.map((h) => (h.payload as Extract<AnnotationPayload, { type: 'box2d' }>).data);
      const mean = (pick: (c: (typeof corners)[number]) => readonly number[]) =>
        [0, 1, 2].map((axis) => corners.reduce((sum, c) => sum + pick(c)[axis]!, 0) / corners.length);
      const data = {
        min: { index: mean((c) => c.min.index), patient: mean((c) => c.min.patient) },
        max: { index: mean((c) => c.max.index), patient: mean((c) => c.max.patient) },
      };
      annotations.push({ payload: payloadOf('box2d', label.id, members[0]!.payload.imageRef, data) });
    }
  }
  return {
    entry: {
      labelId: label.id,
      method: 'weighted-box-fusion',
      parameters: { iouThreshold: WBF_IOU, confType: 'avg', minimumSupport: MIN_SUPPORT },
    },
    annotations,
  };
}

function landmarkConsensus(
  material: Extract<LabelMaterial, { kind: 'landmarks' }>,
  readers: readonly string[],
): LabelConsensus {
  const { label, landmarks } = material;
  const perReader = readers.map((r) => [...(landmarks.get(r) ?? new Map()).entries()]);
  const means = meanLandmarks(perReader.map((list) => list.map(([name, l]) => ({ name, point: l.patient }))));
  const annotations: ConsensusAnnotation[] = [];
  for (const m of means) {
    if (m.readers / readers.length < MIN_SUPPORT) continue;
    const heads = perReader.flatMap((list) =>
      list.filter(([name]) => name === m.name).map(([, l]) => l.head),
    );
    const indexes = heads.map(
      (h) => (h.payload as Extract<AnnotationPayload, { type: 'landmark' }>).data.point.index,
    );
    const index = [0, 1, 2].map((axis) => indexes.reduce((sum, p) => sum + p[axis]!, 0) / indexes.length);
    const data = { name: m.name, point: { index, patient: m.point } };
    annotations.push({ payload: payloadOf('landmark', label.id, heads[0]!.payload.imageRef, data) });
  }
  return {
    entry: {
      labelId: label.id,
      method: 'mean-position',
      parameters: {
        minimumSupport: MIN_SUPPORT,
        spreadMm: Object.fromEntries(means.map((m) => [m.name, m.spreadMm])),
      },
    },
    annotations,
  };
}
