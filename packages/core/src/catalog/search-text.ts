/**
 * Words for catalog search: lower case, accents dropped, and the spellings of one thing made one word, so
 * "X-ray", "xray" and "radiograph" meet, as do "tumour" and "tumor". A trailing plural 's' is dropped
 * ("nodules" finds "nodule"); words of three letters or fewer keep it ("CTs" is rare, "mrs" rarer).
 */
const SAME_WORD: Readonly<Record<string, string>> = {
  'x-ray': 'xray',
  'x-rays': 'xray',
  radiograph: 'xray',
  radiography: 'xray',
  cxr: 'xray',
  tumour: 'tumor',
  tumours: 'tumor',
  mr: 'mri',
  'magnetic-resonance': 'mri',
  'computed-tomography': 'ct',
  us: 'ultrasound',
  sonography: 'ultrasound',
  echo: 'echocardiography',
  renal: 'kidney',
  hepatic: 'liver',
  cardiac: 'heart',
  pulmonary: 'lung',
  segment: 'segmentation',
  segmenting: 'segmentation',
  classify: 'classification',
  detect: 'detection',
  mammogram: 'mammography',
  fetal: 'fetus',
  foetal: 'fetus',
};

function normaliseWord(word: string): string {
  const same = SAME_WORD[word];
  if (same) return same;
  const singular = word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  return SAME_WORD[singular] ?? singular;
}

/** The search words of a text; hyphenated words count whole and by their parts ("whole-body"). */
export function searchWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/x[\s-]ray/g, 'x-ray');
  const words = plain.match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? [];
  const out: string[] = [];
  for (const word of words) {
    out.push(normaliseWord(word));
    if (word.includes('-')) for (const part of word.split('-')) out.push(normaliseWord(part));
  }
  return out;
}
