import { canonicalJson, type VersionManifest } from './version-manifest.js';

export interface IdChanges {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

export interface VersionDiff {
  readonly cases: IdChanges;
  readonly labels: IdChanges;
  readonly annotations: IdChanges;
  /** Cases whose split differs between the two versions. */
  readonly movedBetweenSplits: { id: string; from: string; to: string }[];
}

function changes<T extends { id: string }>(
  from: readonly T[],
  to: readonly T[],
  same: (a: T, b: T) => boolean,
): IdChanges {
  const before = new Map(from.map((x) => [x.id, x]));
  const after = new Map(to.map((x) => [x.id, x]));
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  return {
    added: sorted([...after.keys()].filter((id) => !before.has(id))),
    removed: sorted([...before.keys()].filter((id) => !after.has(id))),
    changed: sorted(
      [...after.keys()].filter((id) => before.has(id) && !same(before.get(id)!, after.get(id)!)),
    ),
  };
}

/**
 * What changed from one version to another, by id: cases (their files or subject), labels (name, type,
 * colour, class number, options) and annotations (a new revision or another payload), and cases that moved
 * between splits (a split is not a change of the case itself).
 */
export function diffVersions(from: VersionManifest, to: VersionManifest): VersionDiff {
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const withoutSplit = ({ split: _split, caseName: _name, ...rest }: VersionManifest['cases'][number]) =>
    rest;
  const before = new Map(from.cases.map((c) => [c.id, c]));
  return {
    cases: changes(from.cases, to.cases, (a, b) => same(withoutSplit(a), withoutSplit(b))),
    labels: changes(from.labels, to.labels, same),
    annotations: changes(
      from.annotations,
      to.annotations,
      (a, b) => a.revision === b.revision && same(a.payload, b.payload),
    ),
    movedBetweenSplits: to.cases.flatMap((c) => {
      const old = before.get(c.id);
      return old && old.split !== c.split ? [{ id: c.id, from: old.split, to: c.split }] : [];
    }),
  };
}
