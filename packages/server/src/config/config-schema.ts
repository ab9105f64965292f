import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 8080;
/**
 * Loopback only by default: a fresh install holds patient images behind a password printed to the console,
 * and should not be reachable from the network until someone decides so (as Orthanc and Jupyter do).
 * Containers set VOXELHUB_HOST=0.0.0.0, because their port mapping reaches the container's own interface.
 */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_MAX_UPLOAD_MB = 4096;
/** 1 TiB: above this a typo is more likely than a real upload, and bytes stay a safe integer. */
const MAX_UPLOAD_MB_CEILING = 1024 * 1024;
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

const wholeNumber = (message: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { error: message })
    .transform(Number);

const portMessage = 'must be a whole number from 0 to 65535 (0 picks a free port)';
const uploadMessage = `must be a whole number of megabytes from 1 to ${MAX_UPLOAD_MB_CEILING}`;

/**
 * The settings as strings, the way they arrive from the environment or the command line; absent means
 * default. Field names are the Config's, so that a problem's path maps back to the variable it came from.
 */
export const rawConfigSchema = z.object({
  port: wholeNumber(portMessage)
    .pipe(z.number().max(65535, { error: portMessage }))
    .default(DEFAULT_PORT),
  host: z
    .union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: 'must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::) or a host name',
    })
    .default(DEFAULT_HOST),
  dataDir: z.string().default(DEFAULT_DATA_DIR),
  vaultDir: z.string().optional(),
  databaseUrl: z
    .string()
    .refine(isPostgresUrl, {
      error: 'must be a postgres:// or postgresql:// URL; leave it unset to use SQLite in the data directory',
    })
    .optional(),
  adminPassword: z
    .string()
    .refine((s) => [...s].length >= MIN_ADMIN_PASSWORD_LENGTH, {
      error: `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters; leave it unset to have one generated`,
    })
    .optional(),
  maxUploadMb: wholeNumber(uploadMessage)
    .pipe(z.number().min(1, { error: uploadMessage }).max(MAX_UPLOAD_MB_CEILING, { error: uploadMessage }))
    .default(DEFAULT_MAX_UPLOAD_MB),
  logLevel: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('info'),
  trustProxy: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
});

export type RawConfigField = keyof z.input<typeof rawConfigSchema>;

function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'postgres:' || protocol === 'postgresql:';
}
