import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { ProjectSummary } from '../api/api-types.js';
import { navigate } from '../app/navigation.js';
import { pathOf } from '../app/routes.js';
import { ASSIGNMENT_STRATEGIES, choiceOf } from '../reading/reading-choices.js';
import { FieldMessage, FormMessage } from './FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from './field-errors.js';
import {
  EMPTY_PROJECT,
  MAX_READERS,
  type ProjectDraft,
  toProjectInput,
  validateProject,
} from './project-form.js';

/** Creates a project and opens it; the creator becomes its owner. */
export function NewProjectForm({ onCancel }: { readonly onCancel: () => void }) {
  const [draft, setDraft] = useState<ProjectDraft>(EMPTY_PROJECT);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ProjectDraft>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateProject(draft);
    setErrors(checked);
    if (hasErrors(checked)) return;
    setBusy(true);
    try {
      const project = await api.post<ProjectSummary>('/api/projects', toProjectInput(draft));
      navigate(pathOf({ name: 'project', projectId: project.id }));
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setBusy(false);
    }
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="New project">
      <h2>New project</h2>
      <label>
        Name
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        <FieldMessage errors={errors} field="name" />
      </label>
      <label>
        Description
        <textarea value={draft.description} onChange={(e) => set({ description: e.target.value })} rows={2} />
        <FieldMessage errors={errors} field="description" />
      </label>
      <label>
        Reading
        <select
          value={draft.reading}
          onChange={(e) => set({ reading: e.target.value === 'open' ? 'open' : 'blind' })}
        >
          <option value="blind">Blind: readers see only their own annotations</option>
          <option value="open">Open: readers see each other's annotations</option>
        </select>
      </label>
      <label>
        Readers per item
        <input
          type="number"
          min={1}
          max={MAX_READERS}
          value={draft.readersPerItem}
          onChange={(e) => set({ readersPerItem: e.target.value })}
        />
        <FieldMessage errors={errors} field="settings.readersPerItem" />
      </label>
      <label>
        Assigning readers
        <select
          value={draft.assignment}
          onChange={(e) =>
            set({ assignment: choiceOf(ASSIGNMENT_STRATEGIES, e.target.value) ?? 'round-robin' })
          }
        >
          {ASSIGNMENT_STRATEGIES.map((strategy) => (
            <option key={strategy.value} value={strategy.value}>
              {strategy.name}
            </option>
          ))}
        </select>
        <span className="muted">
          {ASSIGNMENT_STRATEGIES.find((strategy) => strategy.value === draft.assignment)?.explanation}
        </span>
        <FieldMessage errors={errors} field="settings.assignment" />
      </label>
      <label className="checkbox-field wide">
        <input
          type="checkbox"
          checked={draft.requireDeidentification}
          onChange={(e) => set({ requireDeidentification: e.target.checked })}
        />
        <span>
          De-identify images on import (recommended)
          <span className="muted"> — names, IDs and dates are replaced before anything is stored</span>
        </span>
      </label>
      <FormMessage errors={errors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Create project
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
