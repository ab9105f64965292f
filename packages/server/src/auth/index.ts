export { type AuthPluginOptions, authPlugin, CSRF_HEADER } from './auth-plugin.js';
export { type AuthRoutesOptions, authRoutes } from './auth-routes.js';
export type { AuthUser, Credential } from './auth-user.js';

export { currentUser, requireAdmin, requireUser } from './require-user.js';
export { SESSION_COOKIE } from './session-cookie.js';
