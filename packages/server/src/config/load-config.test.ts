import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { type Config, loadConfig } from './load-config.js';

const cwd = '/srv/voxelhub';

function problemsOf(env: Record<string, string>, args: string[] = []): ConfigError['problems'] {
  try {
    loadConfig(env, args, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('refuses a trust-proxy value that is not a yes or no', () => {
    expect(() => loadConfig({ VOXELHUB_TRUST_PROXY: 'maybe' }, [], cwd)).toThrow(
      /VOXELHUB_TRUST_PROXY: must be true or false/,
    );
  });

  it('has safe defaults when nothing is set', () => {
    expect(loadConfig({}, [], cwd)).toEqual<Config>({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/voxelhub/data',
      vaultDir: '/srv/voxelhub/data/vault',
      database: { dialect: 'sqlite', path: '/srv/voxelhub/data/voxelhub.sqlite' },
      adminPassword: undefined,
      maxUploadBytes: 4096 * 1024 * 1024,
      logLevel: 'info',
      trustProxy: false,
    });
  });

  it('resolves the data directory against the working directory by default', () => {
    expect(loadConfig({}).dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('reads every environment variable', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        VOXELHUB_HOST: '0.0.0.0',
        VOXELHUB_DATA: '/var/lib/voxelhub',
        VOXELHUB_VAULT: 'keys/vault',
        DATABASE_URL: 'postgresql://vh:secret@db:5432/voxelhub',
        VOXELHUB_ADMIN_PASSWORD: 'correct horse battery',
        VOXELHUB_MAX_UPLOAD_MB: '10',
        VOXELHUB_LOG_LEVEL: 'DEBUG',
        VOXELHUB_TRUST_PROXY: 'true',
      },
      [],
      cwd,
    );
    expect(config).toEqual<Config>({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/voxelhub',
      vaultDir: '/srv/voxelhub/keys/vault',
      database: { dialect: 'postgres', url: 'postgresql://vh:secret@db:5432/voxelhub' },
      adminPassword: 'correct horse battery',
      maxUploadBytes: 10 * 1024 * 1024,
      logLevel: 'debug',
      trustProxy: true,
    });
  });

  it('accepts postgres:// as well as postgresql://, and keeps SQLite inside a custom data directory', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/vh' }, [], cwd).database).toEqual({
      dialect: 'postgres',
      url: 'postgres://localhost/vh',
    });
    expect(loadConfig({ VOXELHUB_DATA: 'store/../vh-data' }, [], cwd).database).toEqual({
      dialect: 'sqlite',
      path: '/srv/voxelhub/vh-data/voxelhub.sqlite',
    });
  });

  it('lets flags override variables, in both --flag value and --flag=value forms', () => {
    const env = { PORT: '9000', VOXELHUB_HOST: '0.0.0.0', VOXELHUB_DATA: '/env-data' };
    const config = loadConfig(
      env,
      ['serve', '--port', '9100', '--host=::1', '--data-dir', 'here', '--open'],
      cwd,
    );
    expect(config.port).toBe(9100);
    expect(config.host).toBe('::1');
    expect(config.dataDir).toBe('/srv/voxelhub/here');
  });

  it('treats empty and blank variables as unset, and trims the others', () => {
    const config = loadConfig(
      { PORT: '', VOXELHUB_DATA: '  ', VOXELHUB_LOG_LEVEL: ' warn ', DATABASE_URL: '' },
      [],
      cwd,
    );
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/voxelhub/data');
    expect(config.logLevel).toBe('warn');
    expect(config.database.dialect).toBe('sqlite');
  });

  it('accepts port 0 (any free port) and 65535, and every log level', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(loadConfig({ VOXELHUB_LOG_LEVEL: level }).logLevel).toBe(level);
    }
  });

  it('keeps spaces in the admin password and counts characters, not bytes', () => {
    expect(loadConfig({ VOXELHUB_ADMIN_PASSWORD: '  twelve chr' }).adminPassword).toBe('  twelve chr');
    expect(problemsOf({ VOXELHUB_ADMIN_PASSWORD: 'ééééééééééé' })).toHaveLength(1); // 11 characters, 22 bytes
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
  });
});

describe('loadConfig errors name the variable and what is wrong', () => {
  const invalid: [string, Record<string, string>, string][] = [
    ['PORT', { PORT: 'http' }, 'whole number from 0 to 65535'],
    ['PORT', { PORT: '65536' }, 'whole number from 0 to 65535'],
    ['PORT', { PORT: '-1' }, 'whole number from 0 to 65535'],
    ['PORT', { PORT: '80.5' }, 'whole number from 0 to 65535'],
    ['VOXELHUB_HOST', { VOXELHUB_HOST: 'my host' }, 'IP address'],
    ['VOXELHUB_HOST', { VOXELHUB_HOST: 'http://localhost' }, 'IP address'],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/voxelhub' }, 'postgres:// or postgresql://'],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:./x.db' }, 'leave it unset to use SQLite'],
    ['DATABASE_URL', { DATABASE_URL: 'db.example.com' }, 'postgres:// or postgresql://'],
    ['VOXELHUB_ADMIN_PASSWORD', { VOXELHUB_ADMIN_PASSWORD: 'short' }, 'at least 12 characters'],
    ['VOXELHUB_MAX_UPLOAD_MB', { VOXELHUB_MAX_UPLOAD_MB: '0' }, 'from 1 to 1048576'],
    ['VOXELHUB_MAX_UPLOAD_MB', { VOXELHUB_MAX_UPLOAD_MB: '4GB' }, 'whole number of megabytes'],
    ['VOXELHUB_MAX_UPLOAD_MB', { VOXELHUB_MAX_UPLOAD_MB: '2000000' }, 'from 1 to 1048576'],
    [
      'VOXELHUB_LOG_LEVEL',
      { VOXELHUB_LOG_LEVEL: 'verbose' },
      'one of fatal, error, warn, info, debug, trace, silent',
    ],
  ];
  for (const [variable, env, expected] of invalid) {
    it(`${variable}=${Object.values(env)[0]}`, () => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.variable).toBe(variable);
      expect(problems[0]!.message).toContain(expected);
    });
  }

  it('quotes the bad value, except for credentials', () => {
    expect(problemsOf({ PORT: 'http' })[0]!.message).toContain('(got "http")');
    const secrets = { DATABASE_URL: 'mysql://root:hunter2@db/x', VOXELHUB_ADMIN_PASSWORD: 'hunter2' };
    const error = (() => {
      try {
        loadConfig(secrets);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems.map((p) => p.variable)).toEqual(['DATABASE_URL', 'VOXELHUB_ADMIN_PASSWORD']);
    expect(error?.message).not.toContain('hunter2');
  });

  it('names the flag when the bad value came from a flag', () => {
    expect(problemsOf({ PORT: '9000' }, ['--port', 'x'])).toEqual([
      { variable: '--port', message: expect.stringContaining('whole number') },
    ]);
    expect(problemsOf({}, ['--host'])).toEqual([{ variable: '--host', message: 'needs a value' }]);
  });

  it('reports every problem at once, one per line of the message', () => {
    try {
      loadConfig({ PORT: 'x', VOXELHUB_LOG_LEVEL: 'loud', VOXELHUB_MAX_UPLOAD_MB: '-5' });
      expect.unreachable();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message.split('\n')).toEqual([
        'Invalid configuration:',
        expect.stringMatching(/^ {2}PORT: /),
        expect.stringMatching(/^ {2}VOXELHUB_MAX_UPLOAD_MB: /),
        expect.stringMatching(/^ {2}VOXELHUB_LOG_LEVEL: /),
      ]);
    }
  });
});
