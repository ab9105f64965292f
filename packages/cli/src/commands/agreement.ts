import type { ServerData } from '@voxelhub/server';
import { formatTable } from '../terminal/table.js';
import { withServerData } from './import.js';

export interface AgreementOptions {
  readonly project: string;
  readonly json: boolean;
  /** Measure items still waiting for their agreement job here, first (no server running). */
  readonly compute: boolean;
  readonly configArgs: string[];
}

type Report = Awaited<ReturnType<typeof import('@voxelhub/server')['qualityReport']>>;

/**
 * `voxelhub agreement --project <name> [--json]`: the project's quality report from the local server's
 * data — agreement per label and per annotator, over time, and the worst items — as the dashboard shows it.
 * Exit status 1 when the project does not exist.
 */
export async function agreementCommand(options: AgreementOptions): Promise<number> {
  return withServerData(options.configArgs, async (data, server) => {
    const project = await findProject(data, options.project);
    if (!project) {
      process.stderr.write(`voxelhub agreement: no project named '${options.project}'\n`);
      return 1;
    }
    if (options.compute) await computeWaiting(data, server, project.id);
    const report = await server.qualityReport(
      data.database.db,
      project.id,
      server.parseProjectSettings(project.settings),
    );
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return 0;
  });
}

async function findProject(data: ServerData, name: string) {
  return data.database.db
    .selectFrom('projects')
    .select(['id', 'settings'])
    .where('name', '=', name)
    .executeTakeFirst();
}

async function computeWaiting(
  data: ServerData,
  server: typeof import('@voxelhub/server'),
  projectId: string,
) {
  const waiting = await data.database.db
    .selectFrom('quality_items')
    .select('id')
    .where('project_id', '=', projectId)
    .where('status', '=', 'computing')
    .execute();
  for (const [i, item] of waiting.entries()) {
    process.stderr.write(`measuring item ${i + 1} of ${waiting.length}\r`);
    await server.computeAndStoreAgreement(data.database.db, data.blobs, item.id);
  }
  if (waiting.length > 0) process.stderr.write('\n');
}

const fixed = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

/** The report as tables a person reads in a terminal. */
export function formatReport(report: Report): string {
  const s = report.summary;
  const lines = [
    `items: ${s.items} (reading ${s.reading}, computing ${s.computing}, agreed ${s.agreed}, disputed ${s.disputed}, resolved ${s.resolved}, sent back ${s.sentBack})`,
    '',
    formatTable(
      ['label', 'type', 'metric', 'mean', 'median', 'n', 'threshold', 'below', 'alpha [95% CI]'],
      report.perLabel.map((l) => [
        l.labelName,
        l.labelType,
        l.metric,
        fixed(l.mean),
        fixed(l.median),
        String(l.n),
        String(l.threshold),
        String(l.belowThreshold),
        'krippendorffAlpha' in l && l.krippendorffAlpha
          ? `${fixed(l.krippendorffAlpha.estimate)} [${fixed(l.krippendorffAlpha.lower)}, ${fixed(l.krippendorffAlpha.upper)}]`
          : '',
      ]),
    ),
    '',
    formatTable(
      ['annotator', 'done', 'assigned', 'agreement', 'median min/item'],
      report.perAnnotator.map((a) => [
        a.displayName,
        String(a.itemsDone),
        String(a.itemsAssigned),
        fixed(a.meanAgreement),
        fixed(a.medianMinutesPerItem, 1),
      ]),
    ),
  ];
  if (report.worstItems.length > 0) {
    lines.push('', 'worst items:');
    lines.push(
      formatTable(
        ['item', 'status', 'score/threshold', 'image or series'],
        report.worstItems.map((i) => [i.id, i.status, fixed(i.worst, 2), i.imageId ?? i.seriesId ?? '']),
      ),
    );
  }
  return lines.join('\n');
}
