import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_MAX_MS } from './session-store.js';

export const SESSION_COOKIE = 'voxelhub_session';

/**
 * HttpOnly so scripts (and injected ones) can't read it; SameSite=Strict so other sites can't send it;
 * Secure whenever the request came over HTTPS (plain HTTP on localhost must still work). The browser
 * keeps it for the longest a session can live; the server ends idle sessions sooner.
 */
function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(request), maxAge: SESSION_MAX_MS / 1000 });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}
