import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import { FieldMessage, FormMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from '../projects/field-errors.js';
import { EMPTY_VERSION, toVersionInput, type VersionDraft, validateVersion } from './version-form.js';
import { type DatasetVersion, SOURCE_TITLES, VERSION_SOURCES, versionPaths } from './versions-api.js';

/**
 * Freezes the project into a new version (owners and managers: the server's versions.create). A form, so
 * Enter in any field submits it; the checks are the server's, shown beside their fields before sending.
 */
export function NewVersionForm(props: {
  readonly projectId: string;
  readonly onCreated: (version: DatasetVersion) => void;
}) {
  const [draft, setDraft] = useState<VersionDraft>(EMPTY_VERSION);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<VersionDraft>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateVersion(draft);
    setErrors(checked);
    if (hasErrors(checked)) return;
    setBusy(true);
    try {
      const { version } = await api.post<{ version: DatasetVersion }>(
        versionPaths.versions(props.projectId),
        toVersionInput(draft),
      );
      setDraft(EMPTY_VERSION);
      props.onCreated(version);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  const fraction = (split: 'train' | 'validation' | 'test', title: string) => (
    <label>
      {title}
      <input
        inputMode="decimal"
        value={draft[split]}
        onChange={(e) => set({ [split]: e.target.value })}
        aria-invalid={`splits.${split}` in errors.fields || 'splits' in errors.fields}
      />
      <FieldMessage errors={errors} field={`splits.${split}`} />
    </label>
  );

  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="New version">
      <h2>New version</h2>
      <label>
        Name
        <input
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          placeholder="v1"
          aria-invalid={'name' in errors.fields}
        />
        <FieldMessage errors={errors} field="name" />
      </label>
      <label>
        Annotations
        <select
          value={draft.source}
          onChange={(e) => set({ source: VERSION_SOURCES.find((s) => s === e.target.value) ?? 'consensus' })}
        >
          {VERSION_SOURCES.map((source) => (
            <option key={source} value={source}>
              {SOURCE_TITLES[source]}
            </option>
          ))}
        </select>
        <FieldMessage errors={errors} field="source" />
      </label>
      <label className="wide">
        Note
        <input
          value={draft.note}
          onChange={(e) => set({ note: e.target.value })}
          placeholder="What changed, what it is for"
        />
        <FieldMessage errors={errors} field="note" />
      </label>
      <label>
        Split seed
        <input
          inputMode="numeric"
          value={draft.seed}
          onChange={(e) => set({ seed: e.target.value })}
          aria-invalid={'splits.seed' in errors.fields}
        />
        <FieldMessage errors={errors} field="splits.seed" />
      </label>
      {fraction('train', 'Train')}
      {fraction('validation', 'Validation')}
      {fraction('test', 'Test')}
      <p className="wide muted">
        Splits are made over subjects (one patient is never in two splits), stratified by label; the same seed
        gives the same splits.
      </p>
      <div className="wide">
        <FieldMessage errors={errors} field="splits" />
      </div>
      <FormMessage errors={errors} />
      <div className="wide">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Freezing…' : 'Create version'}
        </button>
      </div>
    </form>
  );
}
