import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfigProblem } from './config-error.js';
import { ConfigError } from './config-error.js';
import { type LogLevel, type RawConfigField, rawConfigSchema } from './config-schema.js';

export type DatabaseConfig = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export interface Config {
  port: number;
  host: string;
  /** Absolute. Holds blobs/ and, without DATABASE_URL, voxelhub.sqlite. */
  dataDir: string;
  database: DatabaseConfig;
  /**
   * Absolute. The vault: project keys and pseudonym mappings, kept apart from the database and the blob
   * store (default <dataDir>/vault; put it on another volume, or shared storage when scaling out).
   */
  vaultDir: string;
  /** The first-start admin password; when absent the server generates one and prints it once. */
  adminPassword: string | undefined;
  maxUploadBytes: number;
  logLevel: LogLevel;
  /**
   * Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers, so that session
   * cookies are Secure and rate limits count the real client, not the proxy.
   */
  trustProxy: boolean;
}

interface Source {
  env: string;
  /** Command-line flag that overrides the variable. */
  flag?: string;
  /** Never echoed in error messages (credentials). */
  secret?: boolean;
}

/** Where each setting comes from. Flags win over environment variables. Listed here for the README. */
export const CONFIG_SOURCES: Readonly<Record<RawConfigField, Source>> = {
  port: { env: 'PORT', flag: 'port' },
  host: { env: 'VOXELHUB_HOST', flag: 'host' },
  dataDir: { env: 'VOXELHUB_DATA', flag: 'data-dir' },
  vaultDir: { env: 'VOXELHUB_VAULT', flag: 'vault-dir' },
  databaseUrl: { env: 'DATABASE_URL', secret: true },
  adminPassword: { env: 'VOXELHUB_ADMIN_PASSWORD', secret: true },
  maxUploadMb: { env: 'VOXELHUB_MAX_UPLOAD_MB' },
  logLevel: { env: 'VOXELHUB_LOG_LEVEL' },
  trustProxy: { env: 'VOXELHUB_TRUST_PROXY' },
};

const MiB = 1024 * 1024;

/**
 * Reads the server's settings from environment variables and command-line flags (`--port 9000`,
 * `--port=9000`, `--host`, `--data-dir`; other arguments are left to the caller). Empty variables count as
 * unset, as `FOO=` in a compose file means. Throws ConfigError listing every invalid setting.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  args: readonly string[] = [],
  cwd: string = process.cwd(),
): Config {
  const { raw, used, problems } = collect(env, args);
  const parsed = rawConfigSchema.safeParse(raw);
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as RawConfigField;
    const shown = CONFIG_SOURCES[field].secret ? '' : ` (got ${JSON.stringify(raw[field])})`;
    problems.push({ variable: used[field] ?? CONFIG_SOURCES[field].env, message: issue.message + shown });
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const { data } = parsed;
  const dataDir = isAbsolute(data.dataDir) ? resolve(data.dataDir) : resolve(cwd, data.dataDir);
  const vaultDir = data.vaultDir
    ? isAbsolute(data.vaultDir)
      ? resolve(data.vaultDir)
      : resolve(cwd, data.vaultDir)
    : join(dataDir, 'vault');
  const database: DatabaseConfig = data.databaseUrl
    ? { dialect: 'postgres', url: data.databaseUrl }
    : { dialect: 'sqlite', path: join(dataDir, 'voxelhub.sqlite') };
  return Object.freeze({
    port: data.port,
    host: data.host,
    dataDir,
    vaultDir,
    database: Object.freeze(database),
    adminPassword: data.adminPassword,
    maxUploadBytes: data.maxUploadMb * MiB,
    logLevel: data.logLevel,
    trustProxy: data.trustProxy,
  });
}

/** Picks each setting's string from its flag or variable, remembering which one it came from. */
function collect(env: Readonly<Record<string, string | undefined>>, args: readonly string[]) {
  const flags = readFlags(args);
  const raw: Partial<Record<RawConfigField, string>> = {};
  const used: Partial<Record<RawConfigField, string>> = {};
  const problems: ConfigProblem[] = [];
  for (const [field, source] of Object.entries(CONFIG_SOURCES) as [RawConfigField, Source][]) {
    const flagValue = source.flag === undefined ? undefined : flags[source.flag];
    if (typeof flagValue === 'boolean') {
      problems.push({ variable: `--${source.flag}`, message: 'needs a value' });
      continue;
    }
    const [value, from] =
      typeof flagValue === 'string' ? [flagValue, `--${source.flag}`] : [env[source.env], source.env];
    // Passwords keep their spaces; elsewhere surrounding whitespace is a quoting accident.
    const cleaned = field === 'adminPassword' ? value : value?.trim();
    if (cleaned === undefined || cleaned === '') continue;
    raw[field] = cleaned;
    used[field] = from;
  }
  return { raw, used, problems };
}

function readFlags(args: readonly string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(
    Object.values(CONFIG_SOURCES)
      .filter((s) => s.flag !== undefined)
      .map((s) => [s.flag!, { type: 'string' as const }]),
  );
  // Not strict: the CLI passes its whole argument list, including its own subcommands and flags.
  return parseArgs({ args: [...args], options, strict: false, allowPositionals: true }).values;
}
