import type { Label } from '../api/api-types.js';
import { FieldMessage } from '../projects/FieldMessage.js';
import type { FieldErrors } from '../projects/field-errors.js';
import { metricOfLabelType, thresholdRule } from './label-metric.js';
import { overrideField, parseThreshold, type ReadingDraft } from './reading-settings-form.js';

/**
 * A row per label of the schema: the metric its type is judged by and, for the measured types, its own
 * threshold (empty: the default of that metric).
 */
export function LabelThresholds(props: {
  readonly labels: readonly Label[];
  readonly draft: ReadingDraft;
  readonly errors: FieldErrors;
  readonly onChange: (labelId: string, text: string) => void;
}) {
  return (
    <fieldset className="label-thresholds">
      <legend>Per-label thresholds</legend>
      {props.labels.length === 0 ? (
        <p className="muted">The project has no labels yet.</p>
      ) : (
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Type</th>
              <th scope="col">Measured by</th>
              <th scope="col">Own threshold (empty: the default)</th>
            </tr>
          </thead>
          <tbody>
            {props.labels.map((label) => (
              <LabelRow key={label.id} label={label} {...props} />
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

function LabelRow(props: {
  readonly label: Label;
  readonly draft: ReadingDraft;
  readonly errors: FieldErrors;
  readonly onChange: (labelId: string, text: string) => void;
}) {
  const { label, draft } = props;
  const rule = metricOfLabelType(label.type);
  const field = overrideField(label.id);
  const hintId = `threshold-hint-${label.id}`;
  const fallback = rule ? parseThreshold(draft.defaults[rule.metric], rule) : null;
  return (
    <tr>
      <th scope="row">
        <span className="label-swatch" style={{ background: label.colour }} aria-hidden="true" /> {label.name}
      </th>
      <td>{label.type}</td>
      <td>
        {rule ? (
          <>
            {rule.name}
            {!rule.higherIsBetter && <span className="muted"> (mm, lower is better)</span>}
          </>
        ) : (
          <span className="muted">not measured</span>
        )}
      </td>
      <td>
        {rule && (
          <>
            <input
              type="text"
              inputMode="decimal"
              className="threshold-input"
              aria-label={`${label.name} threshold (${rule.name})`}
              aria-describedby={hintId}
              aria-invalid={field in props.errors.fields ? true : undefined}
              value={draft.overrides[label.id] ?? ''}
              onChange={(e) => props.onChange(label.id, e.target.value)}
            />{' '}
            <span id={hintId} className="muted">
              {typeof fallback === 'number' ? `default ${thresholdRule(rule, fallback)}` : ''}
            </span>
            <FieldMessage errors={props.errors} field={field} />
          </>
        )}
      </td>
    </tr>
  );
}
