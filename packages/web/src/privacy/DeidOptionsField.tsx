import { OPTION_CHOICES, withExclusiveDates } from './confidentiality-options.js';
import type { ConfidentialityOption } from './privacy-types.js';

/** The PS3.15 options as checkboxes, each with what it keeps; read-only for those who may not change them. */
export function DeidOptionsField(props: {
  readonly chosen: readonly ConfidentialityOption[];
  readonly editable: boolean;
  /** False while images are imported as they are: the options then wait unused. */
  readonly inEffect: boolean;
  readonly onChange: (options: ConfidentialityOption[]) => void;
}) {
  return (
    <fieldset className="deid-options">
      <legend>Profile options</legend>
      <p className="muted">
        The Basic Profile removes or replaces every identifying attribute; each option keeps something back.
        {!props.inEffect && ' Not in effect while de-identification on import is off.'}
      </p>
      {OPTION_CHOICES.map((choice) => (
        <label key={choice.option} className="checkbox-field">
          <input
            type="checkbox"
            checked={props.chosen.includes(choice.option)}
            disabled={!props.editable}
            onChange={(e) =>
              props.onChange(withExclusiveDates(props.chosen, choice.option, e.target.checked))
            }
          />
          <span>
            {choice.title}
            <span className="muted option-explanation">{choice.explanation}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
