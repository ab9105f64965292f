import { useEffect, useId, useRef, useState } from 'react';
import { useFocusTrap } from '../annotations/focus-trap.js';
import { MAX_COMMENT_LENGTH, sendBackDecision } from './decision-form.js';
import type { Decision, Reader } from './quality-api.js';

/**
 * Sending an item back: a required comment for the readers and which readers reopen their task (all by
 * default). A modal: focus stays inside, Escape cancels, nothing behind it hears the keys.
 */
export function SendBackDialog(props: {
  readonly readers: readonly Reader[];
  readonly busy: boolean;
  readonly onSend: (decision: Extract<Decision, { action: 'send-back' }>) => void;
  readonly onCancel: () => void;
}) {
  const dialog = useRef<HTMLFormElement>(null);
  const onKeyDown = useFocusTrap(dialog, props.onCancel);
  const titleId = useId();
  const commentId = useId();
  const problemId = useId();
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<readonly string[]>(props.readers.map((r) => r.userId));
  const [problem, setProblem] = useState<string | null>(null);
  const all = props.readers.map((r) => r.userId);
  const commentBox = useRef<HTMLTextAreaElement>(null);
  // After the trap has focused the dialog (announcing it): the comment is what the reviewer types first.
  useEffect(() => commentBox.current?.focus(), []);

  function submit() {
    const check = sendBackDecision(comment, chosen, all);
    if (!check.ok) {
      setProblem(check.problem);
      return;
    }
    setProblem(null);
    props.onSend(check.decision);
  }

  return (
    <div className="quality-backdrop">
      <form
        ref={dialog}
        className="send-back-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id={titleId}>Send back to the readers</h2>
        <label htmlFor={commentId}>What should they look at again? (required)</label>
        <textarea
          ref={commentBox}
          id={commentId}
          value={comment}
          maxLength={MAX_COMMENT_LENGTH}
          rows={5}
          aria-required="true"
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          onChange={(e) => setComment(e.target.value)}
        />
        <fieldset>
          <legend>Reopen the task of</legend>
          {props.readers.map((reader) => (
            <label key={reader.userId} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(reader.userId)}
                onChange={(e) =>
                  setChosen((list) =>
                    e.target.checked ? [...list, reader.userId] : list.filter((id) => id !== reader.userId),
                  )
                }
              />{' '}
              {reader.displayName}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p id={problemId} className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={props.busy}>
            Send back
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
