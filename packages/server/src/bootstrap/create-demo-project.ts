import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { importFile } from '../import/import-file.js';
import type { LabelClassification } from '../projects/label-classification.js';
import type { DatabaseSchema, LabelType } from '../storage/schema.js';

export const DEMO_PROJECT_NAME = 'Demo';

/**
 * The demo project's label schema, one label for every kind so that each tool can be tried: the structures
 * of the generated CT phantom with their colours, a line, a landmark and measurements, a finding and an
 * image-quality question to answer per image, and a cardiac phase to mark on the cine.
 */
const DEMO_LABELS: readonly DemoLabel[] = [
  { name: 'Lung', type: 'mask', colour: '#4f9dde' },
  { name: 'Liver', type: 'mask', colour: '#b5651d' },
  { name: 'Vertebra', type: 'mask', colour: '#e8e2c8' },
  { name: 'Lesion', type: 'box', colour: '#e0413c' },
  { name: 'Cardiac chamber', type: 'polygon', colour: '#d94fa3' },
  { name: 'Airway', type: 'polyline', colour: '#56ccf2', guideline: 'Along the centre of the airway.' },
  { name: 'Carina', type: 'point', colour: '#27ae60', guideline: 'Where the trachea divides.' },
  {
    name: 'Diameter',
    type: 'measurement',
    colour: '#f2c94c',
    guideline: 'Lengths, angles and regions (area, mean and spread in HU).',
  },
  {
    name: 'Finding',
    type: 'classification',
    colour: '#f58231',
    classification: {
      kind: 'single',
      options: [
        { id: 'normal', name: 'Normal' },
        { id: 'benign', name: 'Benign' },
        { id: 'malignant', name: 'Malignant' },
        { id: 'indeterminate', name: 'Indeterminate' },
      ],
    },
    guideline: 'The overall impression of the image; Indeterminate when it needs follow-up to tell.',
  },
  {
    name: 'Image quality',
    type: 'classification',
    colour: '#911eb4',
    classification: {
      kind: 'multiple',
      options: [
        { id: 'diagnostic', name: 'Diagnostic' },
        { id: 'motion', name: 'Motion artefact' },
        { id: 'noise', name: 'Noise' },
        { id: 'incomplete-coverage', name: 'Incomplete coverage' },
      ],
    },
    guideline: 'Tick every option that applies.',
  },
  {
    name: 'End-systole',
    type: 'frame-label',
    colour: '#3cb44b',
    guideline: 'On the echo cine, the frames where the ventricle is smallest.',
  },
];

interface DemoLabel {
  readonly name: string;
  readonly type: LabelType;
  readonly colour: string;
  readonly classification?: LabelClassification;
  readonly guideline?: string;
}

export interface DemoProjectOutcome {
  readonly projectId: string;
  readonly imported: number;
}

/**
 * Creates the demo project on a first start: the dataset Voxelhub generates itself (a small CT with a
 * few structures, a chest-X-ray-like DX, an ultrasound cine; synthetic, no real PHI), imported like any
 * user's files, a label schema, and the admin as owner. Undefined when a project of that name exists.
 */
export async function createDemoProject(
  ctx: { db: Kysely<DatabaseSchema>; blobs: BlobStore },
  ownerId: string,
): Promise<DemoProjectOutcome | undefined> {
  const existing = await ctx.db
    .selectFrom('projects')
    .select('id')
    .where('name', '=', DEMO_PROJECT_NAME)
    .executeTakeFirst();
  if (existing) return undefined;
  const projectId = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('projects')
      .values({
        id: projectId,
        name: DEMO_PROJECT_NAME,
        description: 'Generated demo data: a CT with a few structures, a chest X-ray, an ultrasound cine.',
        // Made by core's phantom for this project: no person's identity to remove, and its fixed UIDs
        // and names are what the docs and the browser tests refer to.
        require_deidentification: 0,
      })
      .execute();
    await trx
      .insertInto('members')
      .values({ project_id: projectId, user_id: ownerId, role: 'owner' })
      .execute();
    await trx
      .insertInto('labels')
      .values(
        DEMO_LABELS.map((l, i) => ({
          id: randomUUID(),
          project_id: projectId,
          name: l.name,
          type: l.type,
          colour: l.colour,
          code_system: null,
          code_value: null,
          code_meaning: null,
          guideline: l.guideline ?? '',
          sort_order: i,
          classification: l.classification ? JSON.stringify(l.classification) : null,
        })),
      )
      .execute();
  });
  // Loaded here: the generator (and dcmjs behind it) is only needed on a first start.
  const { generateDemoDataset } = await import('@voxelhub/core/demo');
  let imported = 0;
  for (const file of generateDemoDataset().files) {
    const outcome = await importFile(ctx, projectId, { name: `demo/${file.name}`, bytes: file.bytes });
    if (outcome.status === 'imported') imported++;
  }
  await recordAudit(ctx.db, {
    userId: ownerId,
    projectId,
    action: 'project.create',
    targetType: 'project',
    targetId: projectId,
    details: { demo: true, images: imported },
  });
  return { projectId, imported };
}
