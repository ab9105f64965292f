import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDataYamlNames } from './read-data-yaml-names.js';
import { dataYamlText, yamlQuoted, yoloClassNames } from './yolo-data-yaml.js';
import { label } from './yolo-test-dataset.js';

const TRICKY_NAMES = [
  'yes',
  '1',
  'a: b',
  '# not a comment',
  'quote " and \\ slash',
  'tab\there',
  'line\nbreak',
  'ünïcødé 肺',
  "it's",
  '[x]',
  '',
];

describe('data.yaml', () => {
  it('quotes names so YAML reads strings back', () => {
    expect(yamlQuoted('say "hi"')).toBe('"say \\"hi\\""');
    expect(yamlQuoted('a\nb')).toBe('"a\\u000ab"');
  });

  it('lists every label by classIndex − 1, filling gaps, and rejects repeated class numbers', () => {
    expect(
      yoloClassNames([
        label('b', 'two', 'box', 2),
        label('a', 'one', 'box', 1),
        label('d', 'four', 'mask', 4),
      ]),
    ).toEqual(['one', 'two', 'unused_3', 'four']);
    expect(() => yoloClassNames([label('a', 'x', 'box', 1), label('b', 'y', 'box', 1)])).toThrow(RangeError);
    expect(() => yoloClassNames([label('a', 'x', 'box', 0)])).toThrow(RangeError);
  });

  it('reads names back from our own output', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), (names) => {
        const yaml = dataYamlText({ root: 'r', splits: new Set(), names });
        expect(readDataYamlNames(yaml)).toEqual(names);
      }),
    );
  });

  it("reads Ultralytics' published forms: a mapping (coco8.yaml) and a flow list", () => {
    // From https://docs.ultralytics.com/datasets/detect/coco8/ (coco8.yaml, first classes).
    const coco8 =
      '# COCO8\npath: coco8 # dataset root dir\ntrain: images/train\nval: images/val\n\n# Classes\nnames:\n  0: person\n  1: bicycle\n  2: car\n';
    expect(readDataYamlNames(coco8)).toEqual(['person', 'bicycle', 'car']);
    expect(readDataYamlNames('names: [\'a b\', "c", d]\n')).toEqual(['a b', 'c', 'd']);
    expect(readDataYamlNames('names:\n  - cat\n  - dog # pet\n')).toEqual(['cat', 'dog']);
    expect(() => readDataYamlNames('train: x\n')).toThrow(/no names/);
    expect(() => readDataYamlNames('names:\n  0: a\n  2: c\n')).toThrow(/0 to 1/);
  });
});

const hasPyyaml = spawnSync('/usr/bin/python3', ['-c', 'import yaml']).status === 0;

describe.runIf(hasPyyaml)('data.yaml against PyYAML', () => {
  it('parses to the expected path, folders and names', () => {
    const yaml = dataYamlText({
      root: 'my "data"',
      splits: new Set(['train', 'val', 'test']),
      names: TRICKY_NAMES,
    });
    const run = spawnSync(
      '/usr/bin/python3',
      ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'],
      { input: yaml, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      path: 'my "data"',
      train: 'images/train',
      val: 'images/val',
      test: 'images/test',
      names: Object.fromEntries(TRICKY_NAMES.map((name, i) => [String(i), name])),
    });
  });
});
