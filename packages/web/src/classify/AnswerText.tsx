import { ANNOTATION_LIMITS } from '@voxelhub/core/annotation';
import { useEffect, useRef, useState } from 'react';

/** Quiet time after the last key before a free-text answer is saved (it is saved on leaving the box too). */
export const TEXT_SAVE_DELAY_MS = 1000;

interface AnswerTextProps {
  readonly id: string;
  /** The saved text ('' when unanswered). */
  readonly saved: string;
  readonly readOnly: boolean;
  readonly describedBy?: string;
  /** Saves `text`; `session` is the same for every save of one visit to the box (one undo step). */
  readonly onSave: (text: string, session: string) => void;
}

/**
 * A free-text answer: typed into a local draft and saved after a pause or on blur, never on every key,
 * so the store (and the server) see whole words and one editing visit is one undo step.
 */
export function AnswerText({ id, saved, readOnly, describedBy, onSave }: AnswerTextProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const session = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);
  const save = useRef(onSave);
  save.current = onSave;

  function flush() {
    clearTimeout(timer.current);
    if (pending.current !== null) save.current(pending.current, session.current);
    pending.current = null;
  }

  // Leaving (another frame's answer, another series) saves what was typed for this one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads refs only.
  useEffect(() => flush, []);

  return (
    <textarea
      id={id}
      className="classify-text"
      rows={3}
      maxLength={ANNOTATION_LIMITS.maxTextLength}
      readOnly={readOnly}
      aria-describedby={describedBy}
      value={draft ?? saved}
      onFocus={(event) => {
        session.current = `answer-text:${id}:${event.timeStamp}`;
        setDraft(saved);
      }}
      onChange={(event) => {
        setDraft(event.target.value);
        pending.current = event.target.value;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, TEXT_SAVE_DELAY_MS);
      }}
      onBlur={() => {
        flush();
        setDraft(null);
      }}
    />
  );
}
