import { createHmac } from 'node:crypto';
import type { DeidFileKind } from './deid-file.js';

/**
 * 'pseudonymous': folder and file names are replaced, since PACS exports often name them after the
 * patient ("DOE^JOHN_1234/"); 'kept': relative paths are copied as they are, for names known to be safe.
 */
export type NameMode = 'pseudonymous' | 'kept';

const EXTENSION = /(\.nii\.gz|\.[A-Za-z0-9]{1,5})$/;

/**
 * Output paths (relative to the output folder, '/'-separated) for de-identified copies. Pseudonymous
 * names keep the folder tree's shape: each folder becomes a keyed hash of its relative path, a DICOM
 * file is named by its new SOP Instance UID, and other files by a keyed hash of their path without
 * extension (so a .hdr/.img pair stays a pair). The same key gives the same names in every run; names
 * that would clash get a suffix.
 */
export class OutputNames {
  private readonly taken = new Set<string>();

  constructor(
    private readonly key: Uint8Array,
    private readonly mode: NameMode,
  ) {}

  name(relative: string, kind: DeidFileKind, sopInstanceUid?: string): string {
    return this.unique(this.mode === 'kept' ? relative : this.pseudonym(relative, kind, sopInstanceUid));
  }

  private pseudonym(relative: string, kind: DeidFileKind, sopInstanceUid?: string): string {
    const segments = relative.split('/');
    const base = segments.pop() ?? '';
    const folders = segments.map((_, i) => this.hash(`folder:${segments.slice(0, i + 1).join('/')}`));
    const extension = kind === 'dicom' ? '.dcm' : (EXTENSION.exec(base)?.[1]?.toLowerCase() ?? '');
    const dir = segments.length ? `${segments.join('/')}/` : '';
    const stem =
      kind === 'dicom' && sopInstanceUid
        ? sopInstanceUid
        : this.hash(`file:${dir}${extension ? base.slice(0, -extension.length) : base}`);
    return [...folders, `${stem}${extension}`].join('/');
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('hex').slice(0, 12);
  }

  /** Compared case-blind: on macOS and Windows 'A.dcm' and 'a.dcm' are one file. */
  private unique(path: string): string {
    const extension = EXTENSION.exec(path)?.[1] ?? '';
    const stem = path.slice(0, path.length - extension.length);
    let candidate = path;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem}_${n}${extension}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
