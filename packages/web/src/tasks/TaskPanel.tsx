import { useState } from 'react';
import type { Role, Study } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { type Member, managesProject } from '../projects/member-types.js';
import { CreateTasksForm } from './CreateTasksForm.js';
import { openNextTask } from './open-next-task.js';
import { ProgressTable } from './ProgressTable.js';
import { type SeriesLocation, seriesLocations, viewerPathOf } from './task-target.js';
import { STATUS_NAMES, type Task } from './task-types.js';

/**
 * The task side of a project: the caller's queue with "Next task", and for managers the creation of
 * tasks and everyone's progress. Viewers have no queue: they cannot annotate.
 */
export function TaskPanel(props: {
  readonly projectId: string;
  readonly role: Role;
  readonly userId: string;
  readonly studies: readonly Study[];
  /** null when the role may not list the members (annotators, viewers). */
  readonly members: readonly Member[] | null;
}) {
  const [version, setVersion] = useState(0);
  const tasks = useApiGet<{ tasks: Task[] }>(
    `/api/projects/${encodeURIComponent(props.projectId)}/tasks?v=${version}`,
  );
  const locations = seriesLocations(props.studies);
  return (
    <section aria-labelledby="tasks-title">
      <h2 id="tasks-title">Tasks</h2>
      {props.role !== 'viewer' && <NextTaskButton projectId={props.projectId} />}
      <LoadState loaded={tasks}>
        {({ tasks: all }) => (
          <>
            <MyTasks
              projectId={props.projectId}
              tasks={all.filter((task) => task.assigneeId === props.userId)}
              locations={locations}
            />
            {props.members && <ProgressTable tasks={all} members={props.members} />}
          </>
        )}
      </LoadState>
      {managesProject(props.role) && props.members && (
        <CreateTasksForm
          projectId={props.projectId}
          studies={props.studies}
          members={props.members}
          onCreated={() => setVersion((v) => v + 1)}
        />
      )}
    </section>
  );
}

function NextTaskButton({ projectId }: { readonly projectId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function next() {
    setBusy(true);
    try {
      setMessage(await openNextTask(projectId));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
    setBusy(false);
  }
  return (
    <p className="actions">
      <button type="button" className="primary" onClick={() => void next()} disabled={busy}>
        Next task <kbd>n</kbd>
      </button>
      {message && <span role="status">{message}</span>}
    </p>
  );
}

function MyTasks(props: {
  readonly projectId: string;
  readonly tasks: readonly Task[];
  readonly locations: ReadonlyMap<string, SeriesLocation>;
}) {
  return (
    <>
      <h3>My tasks</h3>
      {props.tasks.length === 0 ? (
        <p className="muted">No tasks assigned to you.</p>
      ) : (
        <table className="grid-table" aria-label="My tasks">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((task) => {
              const path = viewerPathOf(props.projectId, task, props.locations);
              const name = task.seriesId
                ? (props.locations.get(task.seriesId)?.description ?? task.seriesId)
                : `Image ${task.imageId}`;
              return (
                <tr key={task.id}>
                  <td>{path ? <Link to={path}>{name}</Link> : name}</td>
                  <td>
                    <span className={`status status-${task.status}`}>{STATUS_NAMES[task.status]}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
