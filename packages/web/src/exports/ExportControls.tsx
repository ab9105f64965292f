import { type FormEvent, useState } from 'react';
import { ExportStatus } from './ExportStatus.js';
import type { ExportFormatInfo, ExportJob } from './versions-api.js';

/** The formats whose one input channel is named (nnU-Net's channel_names, the Decathlon's modality). */
const CHANNEL_FORMATS: ReadonlySet<string> = new Set(['nnunet', 'msd']);

/**
 * A version's Export button with its format (by title), and the state of the version's latest export.
 * A form: Enter on the select starts the export too.
 */
export function ExportControls(props: {
  readonly projectId: string;
  readonly versionName: string;
  readonly formats: readonly ExportFormatInfo[];
  readonly latest: ExportJob | undefined;
  readonly onExport: (format: string, channelName?: string) => Promise<void>;
}) {
  const [format, setFormat] = useState(props.formats[0]?.id ?? '');
  const [channel, setChannel] = useState('');
  const [busy, setBusy] = useState(false);
  const named = CHANNEL_FORMATS.has(format);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!format) return;
    setBusy(true);
    const channelName = named && channel.trim() ? channel.trim() : undefined;
    await props.onExport(format, channelName).finally(() => setBusy(false));
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
        {named && (
          <input
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
            placeholder="channel (e.g. CT)"
            size={12}
            aria-label={`Channel name for ${props.versionName}`}
            title="nnU-Net normalises a channel named CT by its HU statistics and any other per image; blank: from the images' modality"
          />
        )}
        <button type="submit" disabled={busy || !format}>
          Export
        </button>
      </form>
      {props.latest && <ExportStatus projectId={props.projectId} job={props.latest} />}
    </div>
  );
}
