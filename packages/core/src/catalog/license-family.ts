/**
 * The license facet: a dataset's stated license sorted into families a user filters by. The exact wording
 * stays on the card; the facet only needs "can I use it commercially, must I share alike".
 */
export const LICENSE_FAMILIES = [
  'CC0 / public domain',
  'CC BY',
  'CC BY-SA',
  'CC BY-NC',
  'CC BY-NC-SA',
  'CC BY-NC-ND',
  'Other open license',
  'Data-use agreement',
  'Other terms',
] as const;
export type LicenseFamily = (typeof LICENSE_FAMILIES)[number];

export function licenseFamily(license: string): LicenseFamily {
  const l = license.toLowerCase().replace(/\s+/g, ' ');
  if (/\bcc0\b|public domain|no restrictions/.test(l)) return 'CC0 / public domain';
  if (/\bcc[ -]by\b|creative commons attribution/.test(l)) {
    const nc = /\bnc\b|noncommercial|non-commercial/.test(l);
    const sa = /\bsa\b|sharealike|share-alike/.test(l);
    const nd = /\bnd\b|noderiv|no-deriv/.test(l);
    if (nc && nd) return 'CC BY-NC-ND';
    if (nc && sa) return 'CC BY-NC-SA';
    if (nc) return 'CC BY-NC';
    if (sa) return 'CC BY-SA';
    return 'CC BY';
  }
  if (/\bodc|\bodbl|\bpddl|\bmit\b|apache|\bbsd\b/.test(l)) return 'Other open license';
  if (/data use agreement|data-use agreement|\bdua\b|credentialed|restricted/.test(l))
    return 'Data-use agreement';
  return 'Other terms';
}
