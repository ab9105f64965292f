import {
  type DatasetCardInput,
  DEIDENTIFICATION_PROFILE,
  datasetCard,
  type ExportFile,
  type LabelAgreementSummary,
  summariseSplits,
} from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import { type ProjectSettings, parseProjectSettings } from '../projects/project-settings.js';
import { qualityReport } from '../quality/quality-report.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { VersionExportModel } from './version-export-model.js';

type Db = Kysely<DatabaseSchema>;

/** Ids per query: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

/** A project that states no license: the card says so rather than guessing one. */
const NO_LICENSE = 'Not specified by the project';

/**
 * The project's reader agreement per label, as its quality dashboard reports it (issue 6): how far the
 * annotators of this data agreed. Empty for a project without multi-reader items.
 */
async function agreementSummary(
  db: Db,
  projectId: string,
  settings: ProjectSettings,
): Promise<LabelAgreementSummary[]> {
  const report = await qualityReport(db, projectId, settings);
  return report.perLabel.map((l) => ({
    labelName: l.labelName,
    metric: l.metric,
    mean: l.mean,
    n: l.n,
    threshold: l.threshold,
    belowThreshold: l.belowThreshold,
    higherIsBetter: l.higherIsBetter,
    ...('krippendorffAlpha' in l && l.krippendorffAlpha ? { krippendorffAlpha: l.krippendorffAlpha } : {}),
  }));
}

/** Who made the version's annotations (their first revision's author), and on how many cases each. */
async function annotatorsOf(db: Db, model: VersionExportModel): Promise<DatasetCardInput['annotators']> {
  const ids = model.dataset.annotations.map((a) => a.id);
  const caseOf = new Map(model.dataset.annotations.map((a) => [a.id, a.imageId]));
  const casesBy = new Map<string, Set<string>>();
  for (let at = 0; at < ids.length; at += CHUNK) {
    const rows = await db
      .selectFrom('annotations')
      .innerJoin('users', 'users.id', 'annotations.created_by')
      .select(['annotations.id', 'users.display_name'])
      .where('annotations.id', 'in', ids.slice(at, at + CHUNK))
      .execute();
    for (const row of rows) {
      const cases = casesBy.get(row.display_name) ?? new Set<string>();
      cases.add(caseOf.get(row.id)!);
      casesBy.set(row.display_name, cases);
    }
  }
  return [...casesBy]
    .map(([displayName, cases]) => ({ displayName, itemsDone: cases.size }))
    .sort((a, b) => b.itemsDone - a.itemsDone || a.displayName.localeCompare(b.displayName));
}

/** The version made just before this one in the project, if any. */
async function previousVersionName(db: Db, model: VersionExportModel): Promise<string | undefined> {
  const { row } = model.version;
  const previous = await db
    .selectFrom('dataset_versions')
    .select('name')
    .where('project_id', '=', row.project_id)
    .where('created_at', '<', row.created_at)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return previous?.name;
}

async function cardInput(db: Db, model: VersionExportModel): Promise<DatasetCardInput> {
  const { row } = model.version;
  const project = await db
    .selectFrom('projects')
    .select(['name', 'description', 'require_deidentification', 'settings'])
    .where('id', '=', row.project_id)
    .executeTakeFirstOrThrow();
  const required = project.require_deidentification === 1;
  const settings = parseProjectSettings(project.settings);
  const agreement = await agreementSummary(db, row.project_id, settings);
  const previous = await previousVersionName(db, model);
  return {
    dataset: model.dataset,
    version: {
      name: row.name,
      note: row.note,
      createdAt: row.created_at,
      contentHash: row.content_hash,
      ...(previous ? { previous } : {}),
    },
    project: { name: project.name, description: project.description },
    license: settings.dataset.license ?? { name: NO_LICENSE },
    citation: {
      text:
        settings.dataset.citation ??
        `${project.name}, dataset version ${row.name} (Voxelhub, content hash ${row.content_hash}).`,
    },
    ...(agreement.length > 0 ? { agreement } : {}),
    annotators: await annotatorsOf(db, model),
    deidentification: {
      required,
      profile: DEIDENTIFICATION_PROFILE,
      options: required ? settings.deidentification.options : [],
    },
    splits: summariseSplits(model.dataset),
  };
}

/**
 * The files every export carries: `manifest.json`, the version's manifest byte for byte (its SHA-256 is the
 * content hash, and it maps case names back to Voxelhub ids), and the dataset card as Markdown and HTML.
 */
export async function datasetFiles(db: Db, model: VersionExportModel): Promise<ExportFile[]> {
  const card = datasetCard(await cardInput(db, model));
  const encoder = new TextEncoder();
  return [
    { path: 'manifest.json', bytes: model.version.manifestBytes },
    { path: 'dataset-card.md', bytes: encoder.encode(card.markdown) },
    { path: 'dataset-card.html', bytes: encoder.encode(card.html) },
  ];
}
