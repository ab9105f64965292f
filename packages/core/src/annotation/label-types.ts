/**
 * The kinds of label a project's schema can hold; each admits some annotation types (the server's
 * annotation-label-types.ts pairs them). Shared by the server's database schema, its API and the web
 * app's label editor.
 */
export const LABEL_TYPES = [
  'mask',
  'box',
  'polygon',
  'polyline',
  'point',
  'measurement',
  'classification',
  'frame-label',
] as const;

export type LabelType = (typeof LABEL_TYPES)[number];
