import type { FastifyInstance } from 'fastify';
import type { ServerData } from '../bootstrap/open-data.js';
import { privacyRoutes } from '../deidentification/privacy-routes.js';
import { imageRoutes } from '../images/image-routes.js';
import { userRoutes } from '../users/user-routes.js';
import { labelExampleRoutes } from './label-example-routes.js';
import { labelRoutes } from './label-routes.js';
import { memberRoutes } from './member-routes.js';
import { projectRoutes } from './project-routes.js';

/** Accounts, projects, members, label schemas and images: the REST API's core, under /api. */
export async function projectFeatures(app: FastifyInstance, { data }: { data: ServerData }): Promise<void> {
  const { db } = data.database;
  await app.register(userRoutes, { db });
  await app.register(projectRoutes, { db });
  await app.register(memberRoutes, { db });
  await app.register(labelRoutes, { db });
  await app.register(labelExampleRoutes, { db, blobs: data.blobs });
  await app.register(imageRoutes, { db, blobs: data.blobs });
  await app.register(privacyRoutes, { db, blobs: data.blobs, vault: data.vault });
}
