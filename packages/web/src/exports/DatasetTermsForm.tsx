import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { DatasetTerms, Project } from '../api/api-types.js';
import { FieldMessage, FormMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from '../projects/field-errors.js';
import { draftOf, type TermsDraft, termsInput, validateTerms } from './dataset-terms.js';
import { versionPaths } from './versions-api.js';

/**
 * The license and citation every export's dataset card names (settings.dataset). Owners and managers edit
 * them; others read them. Blank fields are removed, and the card then says the project states no license.
 */
export function DatasetTermsForm(props: { readonly project: Project; readonly editable: boolean }) {
  const [saved, setSaved] = useState<DatasetTerms | undefined>(props.project.settings.dataset);
  const [draft, setDraft] = useState<TermsDraft>(draftOf(props.project.settings.dataset));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);
  const set = (change: Partial<TermsDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setStatus(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateTerms(draft);
    setErrors(checked);
    if (hasErrors(checked)) return;
    try {
      const project = await api.request<Project>('PATCH', versionPaths.project(props.project.id), {
        settings: { dataset: termsInput(draft) },
      });
      setSaved(project.settings.dataset);
      setDraft(draftOf(project.settings.dataset));
      setStatus('Saved: the next export carries them.');
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  if (!props.editable)
    return (
      <section className="panel" aria-labelledby="terms-heading">
        <h2 id="terms-heading">License and citation</h2>
        <p>
          <strong>License:</strong> {saved?.license?.name ?? 'not stated'}
          {saved?.license?.url && (
            <>
              {' '}
              (<a href={saved.license.url}>{saved.license.url}</a>)
            </>
          )}
        </p>
        <p>
          <strong>Cite as:</strong>{' '}
          {saved?.citation ?? 'not stated (exports cite the version by its content hash)'}
        </p>
      </section>
    );
  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="License and citation">
      <h2>License and citation</h2>
      <p className="wide muted">
        Every export's dataset card states them. Leave a field blank to state none.
      </p>
      <label>
        License
        <input
          value={draft.licenseName}
          onChange={(e) => set({ licenseName: e.target.value })}
          placeholder="CC BY 4.0"
          aria-invalid={'licenseName' in errors.fields}
        />
        <FieldMessage errors={errors} field="licenseName" />
      </label>
      <label>
        License URL
        <input
          value={draft.licenseUrl}
          onChange={(e) => set({ licenseUrl: e.target.value })}
          placeholder="https://creativecommons.org/licenses/by/4.0/"
          aria-invalid={'licenseUrl' in errors.fields}
        />
        <FieldMessage errors={errors} field="licenseUrl" />
      </label>
      <label className="wide">
        How to cite
        <textarea value={draft.citation} onChange={(e) => set({ citation: e.target.value })} rows={2} />
        <FieldMessage errors={errors} field="settings.dataset.citation" />
      </label>
      <FormMessage errors={errors} />
      <div className="wide">
        <button type="submit" className="primary">
          Save license and citation
        </button>{' '}
        {status && (
          <span role="status" className="muted">
            {status}
          </span>
        )}
      </div>
    </form>
  );
}
