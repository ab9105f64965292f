import { useState } from 'react';
import type { Project } from '../api/api-types.js';
import { FormMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, NO_ERRORS } from '../projects/field-errors.js';
import { BurnedInRulesEditor } from './BurnedInRulesEditor.js';
import { DeidOptionsField } from './DeidOptionsField.js';
import { PrivacyDownloads } from './PrivacyDownloads.js';
import {
  type PrivacyChange,
  TURN_OFF_WARNING,
  updatePrivacy,
  withPrivacyChange,
} from './privacy-settings-update.js';
import './privacy.css';

/**
 * How the project keeps patient identity out: whether images are de-identified on import, with which
 * PS3.15 options and burned-in text rules, and (owners) the pseudonym mapping and the project key.
 * Everyone sees the settings; only owners change them, as the server enforces.
 */
export function PrivacyPanel(props: { readonly project: Project }) {
  const [project, setProject] = useState(props.project);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const isOwner = project.role === 'owner';
  const deid = project.settings.deidentification;

  /**
   * Sends a change, showing it at once (a checkbox answers the click) and going back to what the server
   * holds if it refuses; the refusal comes back to the caller too, for the rules form's fields.
   */
  async function save(change: PrivacyChange): Promise<FieldErrors> {
    const before = project;
    setProject(withPrivacyChange(project, change));
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      setProject(await updatePrivacy(project.id, change));
      return NO_ERRORS;
    } catch (error) {
      setProject(before);
      const failed = fieldErrorsOf(error);
      setErrors(failed);
      return failed;
    } finally {
      setBusy(false);
    }
  }

  function toggleRequired(on: boolean) {
    if (!on && !window.confirm(TURN_OFF_WARNING)) return;
    void save({ requireDeidentification: on });
  }

  return (
    <section className="panel privacy-panel" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <p className={project.requireDeidentification ? 'privacy-state on' : 'privacy-state off'} role="status">
        {project.requireDeidentification
          ? 'Images are de-identified on import (DICOM PS3.15 Basic Profile): patient names and IDs become pseudonyms before anything is stored.'
          : 'Images are imported as they are: names, IDs, dates and other identifying details stay in them.'}
      </p>
      {isOwner ? (
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={project.requireDeidentification}
            disabled={busy}
            onChange={(e) => toggleRequired(e.target.checked)}
          />
          De-identify images on import
        </label>
      ) : (
        <p className="muted">Only the project's owners change these settings.</p>
      )}
      <DeidOptionsField
        chosen={deid.options}
        editable={isOwner && !busy}
        inEffect={project.requireDeidentification}
        onChange={(options) => void save({ options })}
      />
      <BurnedInRulesEditor
        rules={deid.burnedInRules}
        editable={isOwner}
        onSave={(burnedInRules) => save({ burnedInRules })}
      />
      <FormMessage errors={errors} />
      {isOwner && <PrivacyDownloads projectId={project.id} projectName={project.name} />}
    </section>
  );
}
