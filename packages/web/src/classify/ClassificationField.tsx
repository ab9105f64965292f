import type { ImageRef } from '@voxelhub/core/annotation';
import { useId, useState } from 'react';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { Label } from '../api/api-types.js';
import { AnswerText } from './AnswerText.js';
import { applyAnswerEdit, planAnswerEdit } from './answer-edit.js';
import { answersOfLabel } from './classification-answers.js';
import {
  CLASSIFICATION_LEVELS,
  type ClassificationLevel,
  initialLevel,
  levelCaption,
} from './classification-level.js';
import {
  type ClassificationQuestion,
  type ClassificationValue,
  describeValue,
  displayedOptions,
  isChosen,
  questionOf,
} from './classification-question.js';
import { singleAnswer, textAnswer, toggledAnswer } from './classification-value.js';
import { LevelPicker } from './LevelPicker.js';

interface ClassificationFieldProps {
  readonly label: Label;
  readonly entries: readonly AnnotationEntry[];
  readonly history: AnnotationHistory;
  readonly target: AnnotationTarget;
  readonly imageRef: ImageRef;
  readonly readOnly: boolean;
}

/** One classification label: the level it is answered at, the answer, and the answers at other levels. */
export function ClassificationField(props: ClassificationFieldProps) {
  const { label, target, imageRef, readOnly } = props;
  const id = useId();
  const question = questionOf(label);
  const answers = answersOfLabel(props.entries, { target, imageRef }, label.id);
  const answered = new Set(CLASSIFICATION_LEVELS.filter((level) => answers[level]));
  const [level, setLevel] = useState(() => initialLevel(answered, target));
  const current = answers[level];
  const value = current?.payload.data.value;

  function commit(next: ClassificationValue | null, mergeKey?: string) {
    const edit = planAnswerEdit({ current, next, labelId: label.id, level, imageRef });
    applyAnswerEdit(props.history, target, edit, mergeKey);
  }

  const guidelineId = label.guideline ? `${id}-guideline` : undefined;
  return (
    <fieldset className="classify-field" aria-describedby={guidelineId}>
      <legend>
        <span className="swatch" style={{ background: label.colour }} aria-hidden="true" /> {label.name}
      </legend>
      {guidelineId && (
        <p id={guidelineId} className="meta classify-guideline">
          {label.guideline}
        </p>
      )}
      <LevelPicker
        name={`${id}-level`}
        level={level}
        answered={answered}
        imageRef={imageRef}
        onChange={setLevel}
      />
      <AnswerControl
        id={id}
        question={question}
        value={value}
        readOnly={readOnly}
        // A frame's or slice's own answer box: typing carries on into that image's answer only.
        textKey={level === 'image' ? `${level}:${JSON.stringify(imageRef)}` : level}
        onAnswer={commit}
      />
      {value && value.kind !== question.kind && (
        <p className="meta">Saved answer: {describeValue(question, value)} (the label has since changed)</p>
      )}
      {value && !readOnly && (
        <button
          type="button"
          className="tool-button"
          aria-label={`Clear the ${label.name} answer for ${levelCaption(level, imageRef)}`}
          onClick={() => commit(null)}
        >
          Clear answer
        </button>
      )}
      <OtherAnswers question={question} answers={answers} level={level} imageRef={imageRef} />
    </fieldset>
  );
}

interface AnswerControlProps {
  readonly id: string;
  readonly question: ClassificationQuestion;
  readonly value: ClassificationValue | undefined;
  readonly readOnly: boolean;
  readonly textKey: string;
  readonly onAnswer: (next: ClassificationValue | null, mergeKey?: string) => void;
}

/** Radio buttons for one choice, checkboxes for several, a text box for free text. */
function AnswerControl({ id, question, value, readOnly, textKey, onAnswer }: AnswerControlProps) {
  if (question.kind === 'text') {
    return (
      <div className="classify-text-label">
        <label htmlFor={`${id}-text`} className="classify-visually-hidden">
          Answer
        </label>
        <AnswerText
          key={textKey}
          id={`${id}-text`}
          saved={value?.kind === 'text' ? value.text : ''}
          readOnly={readOnly}
          onSave={(text, session) => onAnswer(textAnswer(text), session)}
        />
      </div>
    );
  }
  const single = question.kind === 'single';
  return (
    <fieldset className="classify-options">
      <legend className="classify-visually-hidden">Answer</legend>
      {displayedOptions(question, value).map((option) => (
        <label key={option.id} className="classify-option">
          <input
            type={single ? 'radio' : 'checkbox'}
            name={`${id}-answer`}
            value={option.id}
            disabled={readOnly}
            checked={isChosen(value, option.id)}
            onChange={(event) =>
              onAnswer(
                single ? singleAnswer(option.id) : toggledAnswer(value, option.id, event.target.checked),
              )
            }
          />
          {option.name}
          {option.removed && <span className="meta"> (no longer an option)</span>}
        </label>
      ))}
    </fieldset>
  );
}

interface OtherAnswersProps {
  readonly question: ClassificationQuestion;
  readonly answers: ReturnType<typeof answersOfLabel>;
  readonly level: ClassificationLevel;
  readonly imageRef: ImageRef;
}

/** The answers at the levels not shown, so none is hidden behind the level picker. */
function OtherAnswers({ question, answers, level, imageRef }: OtherAnswersProps) {
  const others = CLASSIFICATION_LEVELS.filter((other) => other !== level && answers[other]);
  if (others.length === 0) return null;
  return (
    <ul className="classify-others meta">
      {others.map((other) => (
        <li key={other}>
          {levelCaption(other, imageRef)}: {describeValue(question, answers[other]!.payload.data.value)}
        </li>
      ))}
    </ul>
  );
}
