import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cardTestDataset, cardTestInput } from './card-test-data.js';
import { datasetCard } from './dataset-card.js';
import type { DatasetCardInput } from './dataset-card-input.js';

/**
 * Python's html.parser reads the document (entities decoded, as a browser would) and reports every start
 * tag with its attributes, every end tag that does not close the innermost open element, the elements
 * still open at the end, and the text. Void elements (HTML5 §13.1.2) need no end tag.
 */
const PARSE = `
import json, sys
from html.parser import HTMLParser
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source','track','wbr'}
class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.text, self.doctype = [], [], [], [], None
    def handle_decl(self, decl):
        self.doctype = decl
    def handle_starttag(self, tag, attrs):
        self.tags.append({'tag': tag, 'attrs': dict(attrs), 'parents': list(self.stack)})
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags.append({'tag': tag, 'attrs': dict(attrs), 'parents': list(self.stack)})
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('</%s> closes %s' % (tag, self.stack[-1] if self.stack else 'nothing'))
        else:
            self.stack.pop()
    def handle_data(self, data):
        self.text.append(data)
checker = Checker()
checker.feed(sys.stdin.read())
checker.close()
print(json.dumps({'doctype': checker.doctype, 'errors': checker.errors, 'unclosed': checker.stack,
                  'tags': checker.tags, 'text': ''.join(checker.text)}))
`;

interface ParsedHtml {
  doctype: string | null;
  errors: string[];
  unclosed: string[];
  tags: { tag: string; attrs: Record<string, string | null>; parents: string[] }[];
  text: string;
}

function parseHtml(html: string): ParsedHtml {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PARSE], { input: html }).toString());
}

// Every user-supplied string carries markup, an ampersand and both quotes.
const HOSTILE = {
  dataset: `<script>alert("x")</script> & 'co'`,
  liver: `Liver <b>"bold"</b> & 'left'`,
  annotator: `<img src=x onerror="alert(1)">`,
  description: `Description </p><p>injected & "quoted"`,
  note: `Note with <!-- comment --> & <style>`,
  license: `Custom <licence> & 'terms'`,
  citation: `Cite "us" & <them>`,
  bibtex: `@misc{x, title = {<b>&</b>}}`,
  hash: `sha256:<abc>&"'`,
};

function hostileInput(): DatasetCardInput {
  const base = cardTestInput(cardTestDataset({ dataset: HOSTILE.dataset, liver: HOSTILE.liver }));
  return {
    ...base,
    version: { ...base.version, note: HOSTILE.note, contentHash: HOSTILE.hash },
    project: { name: HOSTILE.dataset, description: HOSTILE.description },
    license: { name: HOSTILE.license },
    citation: { text: HOSTILE.citation, bibtex: HOSTILE.bibtex },
    annotators: [{ displayName: HOSTILE.annotator, itemsDone: 3 }],
    agreement: [{ ...(base.agreement?.[0] ?? fail()), labelName: HOSTILE.liver }],
  };
}

function fail(): never {
  throw new Error('test input lacks agreement');
}

describe('datasetCard HTML', () => {
  it('is checked by a parser that does catch misnested and unclosed elements', () => {
    expect(parseHtml('<div><p>x</div>').errors).toEqual(['</div> closes p']);
    expect(parseHtml('<main><section>').unclosed).toEqual(['main', 'section']);
  });

  it('is a well-formed standalone document: doctype, every element closed, nothing fetched', () => {
    const { html } = datasetCard(cardTestInput());
    const parsed = parseHtml(html);
    expect(parsed.doctype).toBe('DOCTYPE html');
    expect(parsed.errors).toEqual([]);
    expect(parsed.unclosed).toEqual([]);
    const tagNames = new Set(parsed.tags.map((t) => t.tag));
    for (const tag of ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'table', 'svg', 'footer']) {
      expect(tagNames, tag).toContain(tag);
    }
    for (const tag of ['script', 'link', 'img', 'iframe']) expect(tagNames).not.toContain(tag);
    const fetching = parsed.tags.filter((t) => 'src' in t.attrs || ('href' in t.attrs && t.tag !== 'a'));
    expect(fetching).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/);
    const links = parsed.tags.filter((t) => t.tag === 'a').map((t) => t.attrs.href);
    expect(links).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
  });

  it('draws an accessible SVG bar chart with bars proportional to the counts', () => {
    const parsed = parseHtml(datasetCard(cardTestInput()).html);
    const svg = parsed.tags.find((t) => t.tag === 'svg');
    expect(svg?.attrs.role).toBe('img');
    expect(svg?.attrs['aria-label']).toBe('Annotations per label: Liver 8, Tumour 3, Malignancy 1');
    expect(parsed.tags.some((t) => t.tag === 'title' && t.parents.at(-1) === 'svg')).toBe(true);
    // 280 units for the largest label (8 annotations): 3/8 × 280 = 105, 1/8 × 280 = 35.
    const bars = parsed.tags.filter((t) => t.tag === 'rect');
    expect(bars.map((b) => [b.attrs.width, b.attrs.fill])).toEqual([
      ['280', '#aa3300'],
      ['105', '#ffcc00'],
      ['35', '#3366ff'],
    ]);
    // The values are text too, not only bar lengths.
    const svgText = parsed.text.slice(parsed.text.indexOf('Class balance'));
    expect(svgText).toMatch(/Liver\s*8\s*Tumour\s*3\s*Malignancy\s*1/);
  });

  it('escapes every user string: markup stays text and reads back unchanged', () => {
    const { html } = datasetCard(hostileInput());
    const parsed = parseHtml(html);
    expect(parsed.errors).toEqual([]);
    expect(parsed.unclosed).toEqual([]);
    const tagNames = new Set(parsed.tags.map((t) => t.tag));
    for (const tag of ['script', 'img', 'licence', 'them']) expect(tagNames).not.toContain(tag);
    expect(parsed.tags.filter((t) => t.tag === 'b')).toEqual([]);
    for (const text of Object.values(HOSTILE)) expect(parsed.text).toContain(text);
    const svg = parsed.tags.find((t) => t.tag === 'svg');
    expect(svg?.attrs['aria-label']).toContain(HOSTILE.liver);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
  });

  it('shows the not-de-identified warning as an alert', () => {
    const base = cardTestInput();
    const input = { ...base, deidentification: { ...base.deidentification, required: false } };
    const parsed = parseHtml(datasetCard(input).html);
    const warning = parsed.tags.find((t) => t.attrs.class === 'warning');
    expect(warning?.attrs.role).toBe('alert');
    expect(parsed.text).toContain('Warning: this dataset was NOT de-identified.');
  });
});
