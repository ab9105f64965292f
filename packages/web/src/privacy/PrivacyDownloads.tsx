import { useState } from 'react';
import { api } from '../api/api-client.js';
import { downloadText } from './download-file.js';
import { deidKeyFileName } from './key-file-name.js';

/**
 * The owners' downloads: the re-identification mapping (pseudonym → original Patient ID and name) and
 * the project key. Each read is audited by the server.
 */
export function PrivacyDownloads(props: { readonly projectId: string; readonly projectName: string }) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}`;
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const keyFile = deidKeyFileName(props.projectName);

  async function downloadKey() {
    setMessage(null);
    try {
      const { key } = await api.get<{ key: string }>(`${base}/deidentification/key`);
      // The CLI reads 64 hex digits with whitespace around, as --new-key-file writes them.
      downloadText(keyFile, `${key}\n`);
      setMessage({ text: `Saved ${keyFile}. Keep it private.`, error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  }

  return (
    <div className="privacy-downloads">
      <h3>Re-identification (owners only)</h3>
      <div className="actions">
        {/* A plain link: the browser sends the session cookie and saves the attachment itself. */}
        <a className="button-link" href={`${base}/pseudonyms.csv`} download="pseudonyms.csv">
          Download pseudonym mapping (CSV)
        </a>
        <button type="button" onClick={() => void downloadKey()}>
          Download project key
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <p className="muted">
        The mapping links each pseudonym to the original Patient ID and name. With the key,{' '}
        <code>voxelhub deid &lt;files&gt; -o &lt;folder&gt; --key-file {keyFile}</code> gives files
        de-identified outside Voxelhub the same UIDs and pseudonyms as this project. The mapping re-identifies
        every subject, and the key lets anyone check a guessed Patient ID against a pseudonym: keep both out
        of shared folders.
      </p>
    </div>
  );
}
