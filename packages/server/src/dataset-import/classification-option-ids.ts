/** Option ids are machine names (label-classification.ts): letters, digits, '.', '_' or '-', at most 64. */
const MAX_ID = 64;

function idOf(name: string): string {
  const id = name
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, MAX_ID);
  // An id starts with a letter or digit: CheXpert's '-1.0' becomes 'n1.0', an empty name 'option'.
  if (id === '') return 'option';
  return /^[A-Za-z0-9]/.test(id) ? id : `n${id.replace(/^[^A-Za-z0-9]+/, '')}`.slice(0, MAX_ID);
}

/**
 * Option ids for a classification label made from a dataset's answers ('No Finding' → 'No_Finding',
 * '1.0' → '1.0'), made unique with a number where two names give the same id.
 */
export function classificationOptionIds(names: readonly string[]): { id: string; name: string }[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = idOf(name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base.slice(0, MAX_ID - String(n).length - 1)}_${n}`;
    used.add(id);
    return { id, name };
  });
}
