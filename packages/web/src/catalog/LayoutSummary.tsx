import { formatBytes } from '../exports/export-progress.js';
import { layoutPreview } from './layout-preview.js';
import type { FolderRecognition } from './recognise-folder.js';

/** What the chosen folder was recognised as, or why it breaks its layout. */
export function LayoutSummary(props: {
  readonly folderName: string;
  readonly fileCount: number;
  readonly recognition: FolderRecognition;
  readonly upload: { readonly files: number; readonly bytes: number };
}) {
  const { recognition } = props;
  const folder = props.folderName ? `“${props.folderName}”` : 'The chosen files';
  if (!recognition.ok)
    return (
      <section className="layout-summary" aria-label="What the folder holds">
        <p className="error" role="alert">
          {folder} cannot be imported as it is: {recognition.message}
        </p>
        <p className="muted">Fix the file named, or pick another folder.</p>
      </section>
    );
  const preview = layoutPreview(recognition.layout);
  return (
    <section className="layout-summary" aria-label="What the folder holds">
      <p>
        <strong>{preview.title}</strong> — {preview.summary}
      </p>
      <ul className="layout-counts">
        {preview.counts.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {preview.labels.length > 0 ? (
        <>
          <p>Labels it will create:</p>
          <ul className="layout-labels" aria-label="Labels it will create">
            {preview.labels.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No labels recognised: the images come in without annotations.</p>
      )}
      <p className="muted">
        {folder}: {props.fileCount} files; {props.upload.files} will be uploaded (
        {formatBytes(props.upload.bytes)}
        ).
        {preview.ignored > 0 &&
          ` ${preview.ignored === 1 ? '1 file' : `${preview.ignored} files`} the layout does not use (READMEs, licences, hidden files) ${preview.ignored === 1 ? 'stays' : 'stay'} on your disk.`}
      </p>
    </section>
  );
}
