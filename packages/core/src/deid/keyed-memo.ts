const LIMIT = 1 << 12;

/**
 * `compute(key, input)` remembered per key object and input: the files of one series share a subject,
 * so its pseudonym and date offset are derived once rather than per file. Bounded, since a long-lived
 * process may see many subjects under one key.
 */
export function memoizedPerKey<T>(compute: (key: Uint8Array, input: string) => T) {
  const byKey = new WeakMap<Uint8Array, Map<string, T>>();
  return (key: Uint8Array, input: string): T => {
    let results = byKey.get(key);
    if (!results) {
      results = new Map();
      byKey.set(key, results);
    }
    let result = results.get(input);
    if (result === undefined) {
      result = compute(key, input);
      if (results.size >= LIMIT) results.clear();
      results.set(input, result);
    }
    return result;
  };
}
