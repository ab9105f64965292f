import type { ExportLabel } from '../export-dataset.js';
import type { YoloSplit } from './yolo-layout.js';

/**
 * data.yaml, written by hand (it is a handful of lines): the dataset root, one image folder per split,
 * and the class names as an index → name mapping (Ultralytics' `names:` dict form). Names are always
 * double-quoted YAML scalars, so a name like `yes`, `1`, `a: b` or `# x` stays a string.
 */

/** A YAML double-quoted scalar: backslash and quote escaped, control and line-separator characters as \uXXXX. */
export function yamlQuoted(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0x85 ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    )
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/**
 * Class names by YOLO class (classIndex − 1). Every label is listed, drawable or not, so classes keep their
 * schema numbers; a gap in the classIndex sequence is filled with `unused_<classIndex>` because Ultralytics
 * requires names for classes 0 … n − 1.
 */
export function yoloClassNames(labels: readonly ExportLabel[]): string[] {
  const byIndex = new Map<number, string>();
  for (const label of labels) {
    if (!Number.isInteger(label.classIndex) || label.classIndex < 1)
      throw new RangeError(`label ${label.id}: classIndex must be an integer ≥ 1, got ${label.classIndex}`);
    if (byIndex.has(label.classIndex))
      throw new RangeError(
        `labels share classIndex ${label.classIndex}: ${byIndex.get(label.classIndex)}, ${label.name}`,
      );
    byIndex.set(label.classIndex, label.name);
  }
  const count = Math.max(0, ...byIndex.keys());
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1) ?? `unused_${i + 1}`);
}

export interface DataYamlContent {
  /** Dataset root; Ultralytics resolves a relative one against its `datasets_dir` setting. */
  readonly root: string;
  /** Splits that get a folder line; `train` and `val` are always written (Ultralytics requires both). */
  readonly splits: ReadonlySet<YoloSplit>;
  readonly names: readonly string[];
}

export function dataYamlText({ root, splits, names }: DataYamlContent): string {
  const lines = [`path: ${yamlQuoted(root)}`, 'train: images/train', 'val: images/val'];
  if (splits.has('test')) lines.push('test: images/test');
  lines.push(names.length === 0 ? 'names: {}' : 'names:');
  names.forEach((name, i) => {
    lines.push(`  ${i}: ${yamlQuoted(name)}`);
  });
  return `${lines.join('\n')}\n`;
}
