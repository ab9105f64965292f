import { type FormEvent, useState } from 'react';
import { ExportStatus } from './ExportStatus.js';
import type { ExportFormatInfo, ExportJob } from './versions-api.js';

/**
 * A version's Export button with its format (by title), and the state of the version's latest export.
 * A form: Enter on the select starts the export too.
 */
export function ExportControls(props: {
  readonly projectId: string;
  readonly versionName: string;
  readonly formats: readonly ExportFormatInfo[];
  readonly latest: ExportJob | undefined;
  readonly onExport: (format: string) => Promise<void>;
}) {
  const [format, setFormat] = useState(props.formats[0]?.id ?? '');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!format) return;
    setBusy(true);
    await props.onExport(format).finally(() => setBusy(false));
  }

  return (
    <div className="export-controls">
      <form className="inline-form" onSubmit={submit} aria-label={`Export ${props.versionName}`}>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          aria-label={`Format for ${props.versionName}`}
        >
          {props.formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !format}>
          Export
        </button>
      </form>
      {props.latest && <ExportStatus projectId={props.projectId} job={props.latest} />}
    </div>
  );
}
