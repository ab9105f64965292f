import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { adminToken, call, startServerProcess } from '@voxelhub/server/testing';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { type LatencyResult, measureAnnotationLatency } from './annotation-latency.js';
import { freshPostgres } from './fresh-postgres.js';
import { measureStowImport } from './stow-import.js';

const ADMIN_PASSWORD = 'benchmark-admin-password';
const CLIENT_COUNTS = [50, 200] as const;
/**
 * Each simulated annotator saves every 5 s: the web app saves a debounced change set, and an annotator
 * drawing contours or boxes produces one every few seconds at the busiest. The saturation run below drops
 * the pause altogether, to show the capacity this sits under.
 */
const SAVE_INTERVAL_MS = 5000;
const SECONDS = 30;
const SATURATION_CLIENTS = 200;
const SATURATION_SECONDS = 10;
const P99_GOAL_MS = 50;

export const serverSuite: Suite = {
  name: 'server',
  description: 'annotation save/load latency under load (SQLite, PostgreSQL); STOW-RS import vs Orthanc',
  async run(context) {
    await latency(context);
    await measureStowImport(context);
  },
};

async function latency(context: SuiteContext): Promise<void> {
  const rows: string[][] = [];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const postgres = dialect === 'postgres' ? await freshPostgres() : undefined;
    if (postgres && 'skipped' in postgres) {
      context.log(`  PostgreSQL skipped: ${postgres.skipped}`);
      continue;
    }
    const dataDir = await mkdtemp(join(context.outDir, 'server-'));
    const server = await startServerProcess({
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      ...(postgres ? { databaseUrl: postgres.url } : {}),
    });
    try {
      const token = await adminToken(server.url, ADMIN_PASSWORD);
      const target = { url: server.url, token, ...(await demoTarget(server.url, token)) };
      for (const clients of CLIENT_COUNTS) {
        context.log(
          `  ${dialect}, ${clients} clients, a save every ${SAVE_INTERVAL_MS} ms each, ${SECONDS} s …`,
        );
        const r = await measureAnnotationLatency(target, {
          clients,
          seconds: SECONDS,
          intervalMs: SAVE_INTERVAL_MS,
        });
        rows.push(latencyRow(dialect, `${clients}`, r));
      }
      context.log(
        `  ${dialect}, ${SATURATION_CLIENTS} clients saving without pause, ${SATURATION_SECONDS} s …`,
      );
      const saturated = await measureAnnotationLatency(target, {
        clients: SATURATION_CLIENTS,
        seconds: SATURATION_SECONDS,
        intervalMs: 0,
      });
      rows.push(latencyRow(dialect, `${SATURATION_CLIENTS} (no pause)`, saturated));
    } finally {
      await server.stop();
      await postgres?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const header = [
    'database',
    'clients',
    'saves',
    'saves/s',
    'save p50',
    'save p99',
    'load p50',
    'load p99',
    'errors',
  ];
  context.log(table([header, ...rows]));
  context.log(
    `  Each client edits its own annotation: it saves a new revision (PUT naming the revision it holds) every ${SAVE_INTERVAL_MS} ms and loads it back (GET), over its own connection, from this process to \`voxelhub serve\` in another; times in ms from request to parsed answer. "no pause": the same clients saving back to back, which measures capacity (saves/s) rather than a working day. Goal: save p99 < ${P99_GOAL_MS} ms at 200 clients on SQLite.`,
  );
}

function latencyRow(dialect: string, clients: string, r: LatencyResult): string[] {
  const ms = (v: number) => v.toFixed(1);
  return [
    dialect,
    clients,
    String(r.saves),
    r.savesPerSecond.toFixed(0),
    ms(r.saveP50),
    ms(r.saveP99),
    ms(r.loadP50),
    ms(r.loadP99),
    String(r.errors),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((v, c) => v.padStart(widths[c] ?? 0)).join('  ')}`).join('\n');
}

/** The demo project, its first image, and a point label made for the run. */
async function demoTarget(url: string, token: string) {
  const projects = await call(url, token, 'GET', '/api/projects');
  const demo = projects.body.projects.find((p: { name: string }) => p.name === 'Demo');
  const images = await call(url, token, 'GET', `/api/projects/${demo.id}/images?limit=1`);
  const label = await call(url, token, 'POST', `/api/projects/${demo.id}/labels`, {
    name: 'Benchmark landmark',
    type: 'point',
    colour: '#ff00ff',
  });
  return {
    projectId: demo.id as string,
    imageId: images.body.images[0].id as string,
    labelId: label.body.id as string,
  };
}
