import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Project } from '../api/api-types.js';
import { FieldMessage, FormMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from '../projects/field-errors.js';
import { MAX_READERS } from '../projects/project-form.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import { LabelThresholds } from './LabelThresholds.js';
import { type AgreementMetric, METRIC_RULES, METRICS } from './label-metric.js';
import { ASSIGNMENT_STRATEGIES, MASK_CONSENSUS_METHODS, READING_MODES } from './reading-choices.js';
import {
  defaultField,
  draftDiffers,
  READERS_FIELD,
  type ReadingDraft,
  readingChanges,
  readingDraftOf,
  validateReading,
} from './reading-settings-form.js';
import { saveReadingSettings } from './save-reading-settings.js';

/**
 * How a project's items are read (owners and managers): readers per item, blind or open, how readers are
 * chosen, the mask consensus method, and the agreement each label must reach. One Save sends what changed.
 */
export function ReadingSettingsForm(props: {
  readonly project: Project;
  /** The project as the server saved it, so that the rest of the page shows the new settings. */
  readonly onSaved: (project: Project) => void;
}) {
  const { project } = props;
  const [draft, setDraft] = useState<ReadingDraft>(() => readingDraftOf(project.settings));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const dirty = draftDiffers(draft, project.settings);

  // After a refused save, the keyboard goes to the first field with a message.
  useEffect(() => {
    if (hasErrors(errors)) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  function edit(change: Partial<ReadingDraft>) {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateReading(draft, project.labels);
    setErrors(checked);
    setSaved(false);
    if (hasErrors(checked)) return;
    const changes = readingChanges(draft, project.settings);
    if (!changes) {
      setSaved(true);
      return;
    }
    setBusy(true);
    try {
      const updated = await saveReadingSettings(project.id, changes);
      setDraft(readingDraftOf(updated.settings));
      props.onSaved(updated);
      setSaved(true);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (field in errors.fields ? true : undefined);
  return (
    <form
      ref={form}
      className="panel reading-settings"
      aria-labelledby="reading-settings-title"
      onSubmit={submit}
      noValidate
    >
      <h3 id="reading-settings-title">Reading settings</h3>
      <div className="reading-choices">
        <label className="readers-field">
          Readers per item
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_READERS}
            value={draft.readersPerItem}
            aria-invalid={invalid(READERS_FIELD)}
            onChange={(e) => edit({ readersPerItem: e.target.value })}
          />
          <span className="muted choice-explanation">
            different annotators read each item, 1–{MAX_READERS}
          </span>
          <FieldMessage errors={errors} field={READERS_FIELD} />
        </label>
        <ChoiceGroup
          legend="Reading"
          name="reading-mode"
          choices={READING_MODES}
          value={draft.reading}
          onChange={(reading) => edit({ reading })}
        />
        <ChoiceGroup
          legend="Assigning readers"
          name="reading-assignment"
          choices={ASSIGNMENT_STRATEGIES}
          value={draft.assignment}
          onChange={(assignment) => edit({ assignment })}
        />
        <ChoiceGroup
          legend="Mask consensus"
          name="reading-mask-consensus"
          choices={MASK_CONSENSUS_METHODS}
          value={draft.maskConsensus}
          onChange={(maskConsensus) => edit({ maskConsensus })}
        />
      </div>
      <fieldset className="default-thresholds">
        <legend>Default thresholds</legend>
        <p className="muted">
          An item whose readers agree less than this on any label goes to the review queue. New thresholds
          apply to items measured from now on; Recompute on the quality dashboard measures the others again.
        </p>
        {METRICS.map((metric) => (
          <DefaultThreshold
            key={metric}
            metric={metric}
            value={draft.defaults[metric]}
            errors={errors}
            onChange={(text) => edit({ defaults: { ...draft.defaults, [metric]: text } })}
          />
        ))}
      </fieldset>
      <LabelThresholds
        labels={project.labels}
        draft={draft}
        errors={errors}
        onChange={(labelId, text) => edit({ overrides: { ...draft.overrides, [labelId]: text } })}
      />
      <FormMessage errors={errors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save reading settings
        </button>
        <span className="muted" role="status">
          {busy ? 'Saving…' : saved ? 'Saved.' : dirty ? 'Unsaved changes' : ''}
        </span>
      </div>
    </form>
  );
}

function DefaultThreshold(props: {
  readonly metric: AgreementMetric;
  readonly value: string;
  readonly errors: FieldErrors;
  readonly onChange: (text: string) => void;
}) {
  const rule = METRIC_RULES[props.metric];
  const field = defaultField(props.metric);
  return (
    <label>
      <span>
        {rule.name}
        {rule.unit && ` (${rule.unit})`} {rule.higherIsBetter ? '≥' : '≤'}
      </span>
      <input
        // Text, not type=number: the browser would turn "abc" into "" before the form could say why.
        type="text"
        inputMode="decimal"
        value={props.value}
        aria-invalid={field in props.errors.fields ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="muted choice-explanation">{rule.explanation}</span>
      <FieldMessage errors={props.errors} field={field} />
    </label>
  );
}
