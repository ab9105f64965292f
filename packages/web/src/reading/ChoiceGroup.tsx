import type { Choice } from './reading-choices.js';

/**
 * One setting as radio buttons in a fieldset, each with what it does in a line. The browser gives the group
 * its keyboard behaviour: Tab enters it at the chosen button, the arrow keys move the choice.
 */
export function ChoiceGroup<T extends string>(props: {
  readonly legend: string;
  /** The radio group's name, unique on the page. */
  readonly name: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly disabled?: boolean;
  readonly onChange: (value: T) => void;
}) {
  return (
    <fieldset className="choice-group">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice.value} className="checkbox-field">
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={props.value === choice.value}
            disabled={props.disabled}
            onChange={() => props.onChange(choice.value)}
          />
          <span>
            {choice.name}
            <span className="muted choice-explanation">{choice.explanation}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
