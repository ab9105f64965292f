export * from './app/build-app.js';
export * from './app/start-server.js';
export * from './auth/password.js';
export * from './blobs/index.js';
export * from './config/index.js';
export * from './errors/api-error.js';
export * from './errors/error-handler.js';
