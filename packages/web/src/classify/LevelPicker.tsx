import type { ImageRef } from '@voxelhub/core/annotation';
import { CLASSIFICATION_LEVELS, type ClassificationLevel, levelCaption } from './classification-level.js';

interface LevelPickerProps {
  /** Radio group name, unique on the page. */
  readonly name: string;
  readonly level: ClassificationLevel;
  readonly answered: ReadonlySet<ClassificationLevel>;
  readonly imageRef: ImageRef;
  readonly onChange: (level: ClassificationLevel) => void;
}

/** Which level the answer below is about: the frame or slice shown, the series, or the study. */
export function LevelPicker({ name, level, answered, imageRef, onChange }: LevelPickerProps) {
  return (
    <fieldset className="classify-levels">
      <legend>Applies to</legend>
      {CLASSIFICATION_LEVELS.map((option) => (
        <label key={option} className="classify-level">
          <input
            type="radio"
            name={name}
            value={option}
            checked={option === level}
            onChange={() => onChange(option)}
          />
          {levelCaption(option, imageRef)}
          {answered.has(option) && (
            <span className="classify-answered" title="Answered">
              {' '}
              ●<span className="classify-visually-hidden"> answered</span>
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
