import type { AnswerRow } from './answer-rows.js';
import type { Reader } from './quality-api.js';

/** The readers' classification and frame-range answers, which the panes cannot draw, one column each. */
export function AnswersTable(props: {
  readonly rows: readonly AnswerRow[];
  readonly readers: readonly Reader[];
}) {
  if (props.rows.length === 0) return null;
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">Answers</h2>
      <table className="grid-table quality-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            {props.readers.map((reader, i) => (
              <th scope="col" key={reader.userId}>
                {i < 9 && <kbd>{i + 1}</kbd>} {reader.displayName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.labelId} className={row.unanimous ? undefined : 'failed'}>
              <th scope="row">
                {row.labelName}
                {!row.unanimous && <div className="warn meta">readers differ</div>}
              </th>
              {row.answers.map((text, i) => (
                <td key={props.readers[i]!.userId}>{text || <span className="muted">no answer</span>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
