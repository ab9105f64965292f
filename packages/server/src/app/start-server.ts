import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEMO_PROJECT_NAME } from '../bootstrap/create-demo-project.js';
import { ADMIN_USERNAME, type AdminOutcome } from '../bootstrap/ensure-admin.js';
import { openServerData } from '../bootstrap/open-data.js';
import type { Config } from '../config/load-config.js';
import { buildApp } from './build-app.js';

export interface StartOptions {
  readonly config: Config;
  readonly logger?: boolean;
}

/** The one-time notice of a generated admin password: it is stored only as a hash. */
export function adminNotice(admin: AdminOutcome): string | undefined {
  if (!admin.created || !admin.generatedPassword) return undefined;
  return [
    '',
    `  Created the admin account. Sign in as '${ADMIN_USERNAME}' with this password (shown only now):`,
    `      ${admin.generatedPassword}`,
    '  Set VOXELHUB_ADMIN_PASSWORD before the first start to choose it yourself.',
    '',
  ].join('\n');
}

/**
 * Opens the data (database migrated, blob store, admin account), builds the app and listens; closes
 * cleanly (finishing requests in flight, then the database) on SIGINT and SIGTERM. Port 0 picks a
 * free port (tests). Returns the app, its URL, and the first-start notice to print, if any.
 */
export async function startServer(
  options: StartOptions,
): Promise<{ app: FastifyInstance; url: string; notice: string | undefined }> {
  const { config } = options;
  const data = await openServerData(config);
  const app = await buildApp({
    logger: options.logger ?? { level: config.logLevel },
    data,
    trustProxy: config.trustProxy,
    imports: {
      stagingRoot: join(config.dataDir, 'uploads'),
      exportsRoot: join(config.dataDir, 'exports'),
      maxUploadBytes: config.maxUploadBytes,
    },
  });
  const url = await app.listen({ port: config.port, host: config.host });
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const demo = data.demo
    ? `  Created the demo project '${DEMO_PROJECT_NAME}' with ${data.demo.imported} generated images.\n`
    : '';
  const notice = [adminNotice(data.admin), demo].filter(Boolean).join('\n');
  return { app, url, notice: notice || undefined };
}
