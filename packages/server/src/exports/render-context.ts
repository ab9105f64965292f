import type { ExportAnnotation, SkippedAnnotation } from '@voxelhub/core/export';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ExportOutput } from './export-output.js';
import type { VersionCase, VersionExportModel } from './version-export-model.js';

/** What a format's renderer works from and writes to. */
export interface RenderContext {
  readonly blobs: BlobStore;
  readonly model: VersionExportModel;
  readonly output: ExportOutput;
  /** Called once per case, in manifest order, when the case is written (progress). */
  readonly caseDone: (c: VersionCase) => void;
  readonly signal?: AbortSignal;
  /** nnU-Net and Decathlon: the input channel's name, when the caller chose one (write-version-export.ts). */
  readonly channelName?: string;
}

/** Writes one format's files; answers what the format could not carry, and why. */
export type FormatRenderer = (context: RenderContext) => Promise<readonly SkippedAnnotation[]>;

/** Visits the cases one at a time (so one volume is held at a time), with each case's annotations. */
export async function eachCase(
  context: RenderContext,
  visit: (c: VersionCase, annotations: readonly ExportAnnotation[]) => Promise<void>,
): Promise<void> {
  const byCase = new Map<string, ExportAnnotation[]>();
  for (const a of context.model.dataset.annotations) {
    const list = byCase.get(a.imageId);
    if (list) list.push(a);
    else byCase.set(a.imageId, [a]);
  }
  for (const c of context.model.cases) {
    context.signal?.throwIfAborted();
    await visit(c, byCase.get(c.image.id) ?? []);
    context.caseDone(c);
  }
}
