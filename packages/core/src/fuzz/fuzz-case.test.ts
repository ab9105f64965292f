import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { applyEdits, encodeField } from './byte-mutations.js';
import { CaseMonitor, WATCHDOG_SOURCE } from './case-monitor.js';
import { ContractViolation, DEFAULT_LIMITS, runCase } from './fuzz-case.js';

/** The fuzz harness must catch what it is there to catch, or the fuzz tests prove nothing. */

const monitor = new CaseMonitor();
let watchdog: Worker | undefined;
beforeAll(async () => {
  watchdog = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: monitor.shared });
  watchdog.unref();
  await monitor.ready();
});
afterAll(async () => {
  monitor.stop();
  await watchdog?.terminate();
});

const run = (body: () => Promise<unknown>, limits = DEFAULT_LIMITS) =>
  runCase(monitor, 'harness test', 'a.dcm', 1000, body, limits);

describe('runCase', () => {
  it('accepts success and an ImageReadError that names the file', async () => {
    await expect(run(async () => 1)).resolves.toEqual({ ms: expect.any(Number) });
    const error = new ImageReadError('TRUNCATED', 'ends early', 'a.dcm');
    await expect(run(() => Promise.reject(error))).resolves.toMatchObject({ error });
  });

  it('rejects other exceptions, thrown numbers, and errors that do not name the file', async () => {
    await expect(run(() => Promise.reject(new TypeError('x is undefined')))).rejects.toThrow(
      /threw TypeError: x is undefined instead of an ImageReadError/,
    );
    await expect(run(() => Promise.reject(260016))).rejects.toThrow(/a thrown number: 260016/);
    await expect(run(() => Promise.reject(new ImageReadError('TRUNCATED', 'ends early')))).rejects.toThrow(
      /does not name the file/,
    );
  });

  it('rejects memory out of proportion, held at the end or only at the peak', async () => {
    const limits = { ...DEFAULT_LIMITS, memoryBaseBytes: 16 * 2 ** 20, memoryPerByte: 1 };
    await expect(run(async () => new Uint8Array(64 * 2 ** 20), limits)).rejects.toThrow(ContractViolation);
    // Touched, then dropped before the end: only the watchdog's resident-memory samples see it.
    const peak = async () => {
      const big = new Uint8Array(96 * 2 ** 20).fill(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return big.length;
    };
    await expect(run(peak, limits)).rejects.toThrow(/peak resident \+(9\d|1\d\d)/);
  });

  it.runIf(process.platform === 'linux')(
    'rejects a large buffer allocated, never touched and dropped',
    async () => {
      const limits = { ...DEFAULT_LIMITS, memoryBaseBytes: 16 * 2 ** 20, memoryPerByte: 1 };
      const untouched = async () => {
        const big = new Uint8Array(512 * 2 ** 20);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return big.length;
      };
      await expect(run(untouched, limits)).rejects.toThrow(/peak virtual \+5\d\d/);
    },
  );

  it('rejects a case over its time budget', async () => {
    const slow = () => new Promise((resolve) => setTimeout(resolve, 60));
    await expect(run(slow, { ...DEFAULT_LIMITS, budgetMs: 20 })).rejects.toThrow(/took \d+ ms/);
  });
});

describe('watchdog', () => {
  it('reports a case that blocks the event loop past its budget, naming the case', async () => {
    const local = new CaseMonitor();
    const worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { shared: local.shared, kill: false },
    });
    const report = new Promise<string>((resolve) => worker.once('message', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    local.begin(100, 'file: stuck.dcm', process.memoryUsage().rss);
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // A synchronous hang: no timer of this thread can fire now.
    }
    local.end(process.memoryUsage().rss);
    await expect(report).resolves.toMatch(
      /FUZZ WATCHDOG: a case has run for \d+ ms \(budget 100 ms\)[\s\S]*stuck\.dcm/,
    );
    local.stop();
    await worker.terminate();
  });
});

describe('edits', () => {
  it('apply in order and clamp to the bytes', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect([...applyEdits(bytes, [{ op: 'flip', at: 0, bit: 1 }])]).toEqual([3, 2, 3, 4]);
    expect([...applyEdits(bytes, [{ op: 'write', at: 3, bytes: [9, 9] }])]).toEqual([1, 2, 3, 9]);
    expect([...applyEdits(bytes, [{ op: 'insert', at: 1, runs: [{ bytes: [7, 8], times: 2 }] }])]).toEqual([
      1, 7, 8, 7, 8, 2, 3, 4,
    ]);
    expect([...applyEdits(bytes, [{ op: 'delete', at: 2, count: 9 }])]).toEqual([1, 2]);
    expect([...applyEdits(bytes, [{ op: 'truncate', length: 1 }])]).toEqual([1]);
    expect([...bytes]).toEqual([1, 2, 3, 4]);
  });

  it('encode fields in their width and byte order', () => {
    const field = { label: 'x', offset: 0, value: 0, littleEndian: false } as const;
    expect(encodeField({ ...field, size: 4 }, 0xfffffff0)).toEqual([0xff, 0xff, 0xff, 0xf0]);
    expect(encodeField({ ...field, size: 2, littleEndian: true }, -1)).toEqual([0xff, 0xff]);
    expect(encodeField({ ...field, size: 8 }, 2 ** 40)).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(encodeField({ ...field, size: 4, float: true }, 1)).toEqual([0x3f, 0x80, 0, 0]);
  });
});
