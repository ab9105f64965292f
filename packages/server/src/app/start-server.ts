import type { FastifyInstance } from 'fastify';
import { buildApp } from './build-app.js';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly logger?: boolean;
}

/**
 * Builds the app and listens; closes cleanly (finishing requests in flight) on SIGINT and SIGTERM.
 * Returns the app and the address it listens on (port 0 picks a free one, for tests).
 */
export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ logger: options.logger ?? true });
  const url = await app.listen({ port: options.port, host: options.host });
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, url };
}
