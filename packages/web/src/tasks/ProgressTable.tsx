import type { Member } from '../projects/member-types.js';
import { progressByAssignee, sharePercent } from './task-progress.js';
import { STATUS_NAMES, TASK_STATUSES, type Task } from './task-types.js';

/** Per-annotator progress: each assignee's tasks by status, as counts and as one stacked bar. */
export function ProgressTable(props: {
  readonly tasks: readonly Task[];
  readonly members: readonly Member[];
}) {
  const names = new Map(props.members.map((member) => [member.userId, member.displayName]));
  const rows = progressByAssignee(props.tasks, names);
  if (rows.length === 0) return null;
  return (
    <>
      <h3>Progress</h3>
      <table className="grid-table progress" aria-label="Progress">
        <thead>
          <tr>
            <th scope="col">Annotator</th>
            {TASK_STATUSES.map((status) => (
              <th scope="col" key={status}>
                {STATUS_NAMES[status]}
              </th>
            ))}
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.assigneeId ?? 'unassigned'}>
              <td>{row.name}</td>
              {TASK_STATUSES.map((status) => (
                <td key={status}>{row.counts[status]}</td>
              ))}
              <td>
                <span
                  className="bar"
                  role="img"
                  aria-label={`${row.finished} of ${row.total} finished`}
                  title={`${row.finished} of ${row.total} finished`}
                >
                  {TASK_STATUSES.map((status) => (
                    <span
                      key={status}
                      className={`bar-part status-${status}`}
                      style={{ width: `${sharePercent(row, status)}%` }}
                    />
                  ))}
                </span>{' '}
                {row.finished}/{row.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
