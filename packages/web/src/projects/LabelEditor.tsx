import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { LabelExample } from '../api/api-types.js';
import { ClassificationFields } from './ClassificationFields.js';
import { FieldMessage, FormMessage } from './FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from './field-errors.js';
import { LabelExamples } from './LabelExamples.js';
import {
  draftOf,
  EMPTY_LABEL,
  LABEL_TYPES,
  type LabelDraft,
  type LabelInput,
  type LabelType,
  toLabelInput,
  validateLabel,
} from './label-form.js';

/** A label as GET /api/projects/:id/labels answers it. */
export interface SchemaLabel extends LabelInput {
  readonly id: string;
  readonly sortOrder: number;
  readonly examples: readonly LabelExample[];
}

/**
 * The project's label schema: everyone sees it; owners and managers add, edit and delete labels. Each
 * change is sent at once and the list re-read, so what is shown is what the server kept.
 */
export function LabelEditor(props: {
  readonly projectId: string;
  readonly initial: readonly SchemaLabel[];
  readonly canManage: boolean;
}) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}/labels`;
  const [labels, setLabels] = useState<readonly SchemaLabel[]>(props.initial);
  /** 'new', a label id being edited, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  /** Re-reads the schema, leaving an open form as it is (its draft is its own). */
  async function refresh() {
    const { labels: fresh } = await api.get<{ labels: SchemaLabel[] }>(base);
    setLabels(fresh);
  }

  async function reload() {
    await refresh();
    setEditing(null);
  }

  async function remove(label: SchemaLabel) {
    if (!window.confirm(`Delete the label '${label.name}'?`)) return;
    setListError(null);
    try {
      await api.request('DELETE', `${base}/${encodeURIComponent(label.id)}`);
      await reload();
    } catch (error) {
      setListError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby="labels-title">
      <div className="heading-row">
        <h2 id="labels-title">Labels</h2>
        {props.canManage && editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add label
          </button>
        )}
      </div>
      {labels.length === 0 && <p className="muted">No labels yet.</p>}
      <ul className="labels">
        {labels.map((label, i) =>
          editing === label.id ? (
            <li key={label.id}>
              <div className="label-edit">
                <LabelForm
                  initial={draftOf(label)}
                  submitText="Save label"
                  send={(input) => api.request('PATCH', `${base}/${encodeURIComponent(label.id)}`, input)}
                  onDone={reload}
                  onCancel={() => setEditing(null)}
                />
                <LabelExamples projectId={props.projectId} label={label} canManage onChanged={refresh} />
              </div>
            </li>
          ) : (
            <li key={label.id} className="label-row">
              <kbd title={`key ${i + 1} picks this label in the viewer`}>{i < 9 ? i + 1 : ''}</kbd>
              <span className="swatch" style={{ background: label.colour }} aria-hidden="true" />
              <strong>{label.name}</strong>
              <span className="muted">{label.type}</span>
              {label.code && (
                <span className="meta" title={label.code.meaning}>
                  {label.code.system} {label.code.value} “{label.code.meaning}”
                </span>
              )}
              {label.classification && (
                <span className="meta" title="the question this label asks">
                  {label.classification.kind === 'text'
                    ? 'free text'
                    : `${label.classification.kind}: ${label.classification.options.map((o) => o.name).join(' · ')}`}
                </span>
              )}
              {label.guideline && <span className="meta guideline">{label.guideline}</span>}
              <span className="spacer" />
              {props.canManage && editing === null && (
                <>
                  <button
                    type="button"
                    onClick={() => setEditing(label.id)}
                    aria-label={`Edit ${label.name}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => void remove(label)}
                    aria-label={`Delete ${label.name}`}
                  >
                    Delete
                  </button>
                </>
              )}
              {label.examples.length > 0 && (
                <LabelExamples
                  projectId={props.projectId}
                  label={label}
                  canManage={false}
                  onChanged={refresh}
                />
              )}
            </li>
          ),
        )}
      </ul>
      {listError && (
        <p className="error" role="alert">
          {listError}
        </p>
      )}
      {editing === 'new' && (
        <LabelForm
          initial={EMPTY_LABEL}
          submitText="Add label"
          send={(input) => api.post(base, input)}
          onDone={reload}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function LabelForm(props: {
  readonly initial: LabelDraft;
  readonly submitText: string;
  readonly send: (input: LabelInput) => Promise<unknown>;
  readonly onDone: () => Promise<void>;
  readonly onCancel: () => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<LabelDraft>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateLabel(draft);
    setErrors(checked);
    if (hasErrors(checked)) return;
    setBusy(true);
    try {
      await props.send(toLabelInput(draft));
      await props.onDone();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setBusy(false);
    }
  }

  return (
    <form className="panel form-grid label-form" onSubmit={submit} aria-label="Label">
      <label>
        Name
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        <FieldMessage errors={errors} field="name" />
      </label>
      <label>
        Annotation type
        <select value={draft.type} onChange={(e) => set({ type: e.target.value as LabelType })}>
          {LABEL_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <FieldMessage errors={errors} field="type" />
      </label>
      <label>
        Colour
        <span className="colour-field">
          <input
            type="color"
            aria-label="Colour picker"
            value={/^#[0-9a-fA-F]{6}$/.test(draft.colour) ? draft.colour.toLowerCase() : '#000000'}
            onChange={(e) => set({ colour: e.target.value })}
          />
          <input
            aria-label="Colour"
            value={draft.colour}
            onChange={(e) => set({ colour: e.target.value })}
            size={8}
          />
        </span>
        <FieldMessage errors={errors} field="colour" />
      </label>
      <fieldset className="code-fields">
        <legend>Code (optional, e.g. SCT or RadLex)</legend>
        <label>
          System
          <input value={draft.codeSystem} onChange={(e) => set({ codeSystem: e.target.value })} />
          <FieldMessage errors={errors} field="code.system" />
        </label>
        <label>
          Value
          <input value={draft.codeValue} onChange={(e) => set({ codeValue: e.target.value })} />
          <FieldMessage errors={errors} field="code.value" />
        </label>
        <label>
          Meaning
          <input value={draft.codeMeaning} onChange={(e) => set({ codeMeaning: e.target.value })} />
          <FieldMessage errors={errors} field="code.meaning" />
        </label>
        <FieldMessage errors={errors} field="code" />
      </fieldset>
      {draft.type === 'classification' && (
        <ClassificationFields
          kind={draft.classificationKind}
          options={draft.options}
          errors={errors}
          onChange={(change) =>
            set({
              ...(change.kind ? { classificationKind: change.kind } : {}),
              ...(change.options ? { options: change.options } : {}),
            })
          }
        />
      )}
      <label className="wide">
        Guideline
        <textarea value={draft.guideline} onChange={(e) => set({ guideline: e.target.value })} rows={3} />
        <FieldMessage errors={errors} field="guideline" />
      </label>
      <FormMessage errors={errors} />
      <div className="actions wide">
        <button type="submit" className="primary" disabled={busy}>
          {props.submitText}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
