import { type ChangeEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { LabelExample } from '../api/api-types.js';
import { EXAMPLE_TYPES, examplesUrl, exampleUploadProblem, MAX_EXAMPLES } from './example-upload.js';

/**
 * A label's guideline example images as thumbnails with their captions; managers add one (a PNG or
 * JPEG, with an optional caption) or delete one. Each change goes to the server at once, then
 * `onChanged` re-reads the labels.
 */
export function LabelExamples(props: {
  readonly projectId: string;
  readonly label: { readonly id: string; readonly name: string; readonly examples: readonly LabelExample[] };
  readonly canManage: boolean;
  readonly onChanged: () => Promise<void>;
}) {
  const { label } = props;
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await props.onChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again after a refusal still fires a change.
    input.value = '';
    if (!file) return;
    const problem = exampleUploadProblem(file, label.examples.length);
    if (problem) {
      setError(problem);
      return;
    }
    const query = caption.trim() ? `?caption=${encodeURIComponent(caption.trim())}` : '';
    void change(async () => {
      await api.post(`${examplesUrl(props.projectId, label.id)}${query}`, file);
      setCaption('');
    });
  }

  if (label.examples.length === 0 && !props.canManage) return null;
  return (
    <section className="example-gallery" aria-label={`Examples of ${label.name}`}>
      {props.canManage && (
        <p className="muted">Example images for the guideline: PNG or JPEG, up to {MAX_EXAMPLES} per label</p>
      )}
      <ul className="plain example-list">
        {label.examples.map((example, i) => (
          <li key={example.id} className="example-thumb">
            <figure>
              <img
                src={examplesUrl(props.projectId, label.id, example)}
                alt={example.caption || `Example ${i + 1} of ${label.name}`}
                width={example.width}
                height={example.height}
                loading="lazy"
              />
              {example.caption && <figcaption>{example.caption}</figcaption>}
            </figure>
            {props.canManage && (
              <button
                type="button"
                disabled={busy}
                aria-label={`Delete example ${example.caption || i + 1} of ${label.name}`}
                onClick={() =>
                  void change(() => api.request('DELETE', examplesUrl(props.projectId, label.id, example)))
                }
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.canManage && label.examples.length < MAX_EXAMPLES && (
        <div className="example-upload">
          <label>
            Caption
            <input value={caption} maxLength={500} onChange={(e) => setCaption(e.target.value)} />
          </label>
          <label>
            Add example image
            <input type="file" accept={EXAMPLE_TYPES.join(',')} disabled={busy} onChange={upload} />
          </label>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
