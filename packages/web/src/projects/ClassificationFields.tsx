import {
  addOption,
  CLASSIFICATION_KINDS,
  type ClassificationKind,
  MAX_OPTIONS,
  type OptionDraft,
  removeOption,
  renameOption,
} from './classification-draft.js';
import { FieldMessage } from './FieldMessage.js';
import type { FieldErrors } from './field-errors.js';

const KIND_NAMES: Readonly<Record<ClassificationKind, string>> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  text: 'Free text',
};

/**
 * The question a classification label asks: its kind, and for choices the options, added, renamed and
 * removed here. A saved option keeps its id when renamed; a new one gets an id from its name on save.
 */
export function ClassificationFields(props: {
  readonly kind: ClassificationKind;
  readonly options: readonly OptionDraft[];
  readonly errors: FieldErrors;
  readonly onChange: (change: { kind?: ClassificationKind; options?: readonly OptionDraft[] }) => void;
}) {
  const { kind, options, errors } = props;
  return (
    <fieldset className="classification-fields wide">
      <legend>Question</legend>
      <label>
        Answer
        <select value={kind} onChange={(e) => props.onChange({ kind: e.target.value as ClassificationKind })}>
          {CLASSIFICATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
        <FieldMessage errors={errors} field="classification.kind" />
      </label>
      {kind !== 'text' && (
        <div className="option-list">
          {options.map((option, i) => (
            <div key={option.key} className="option-row">
              <label>
                {`Option ${i + 1}`}
                <input
                  value={option.name}
                  onChange={(e) =>
                    props.onChange({ options: renameOption(options, option.key, e.target.value) })
                  }
                />
                <FieldMessage errors={errors} field={`classification.options.${i}.name`} />
                <FieldMessage errors={errors} field={`classification.options.${i}.id`} />
              </label>
              {option.id !== null && <span className="muted option-id">{option.id}</span>}
              <button
                type="button"
                aria-label={`Remove option ${option.name || i + 1}`}
                onClick={() => props.onChange({ options: removeOption(options, option.key) })}
              >
                Remove
              </button>
            </div>
          ))}
          <FieldMessage errors={errors} field="classification.options" />
          <FieldMessage errors={errors} field="classification" />
          <button
            type="button"
            disabled={options.length >= MAX_OPTIONS}
            onClick={() => props.onChange({ options: addOption(options) })}
          >
            Add option
          </button>
        </div>
      )}
    </fieldset>
  );
}
