import { STATUS_NAMES } from '../../tasks/task-types.js';
import type { ViewerTask } from './use-viewer-task.js';

/** The task in the viewer bar: its state, "Done, next task" (Shift+Enter), Skip, and the previous task. */
export function TaskBar({ task }: { readonly task: ViewerTask }) {
  if (!task.current && !task.message && !task.previous) return null;
  return (
    <span className="task-bar" data-testid="task-bar">
      {task.current && (
        <>
          <span className="muted">Task: {STATUS_NAMES[task.current.status]}</span>
          <button
            type="button"
            onClick={() => void task.finish('done')}
            title="Mark done and open the next task (Shift+Enter)"
          >
            Done, next task
          </button>
          <button
            type="button"
            onClick={() => void task.finish('skipped')}
            title="Skip this task and open the next"
          >
            Skip
          </button>
        </>
      )}
      {task.previous && (
        <button
          type="button"
          onClick={() => void task.goToPrevious()}
          title="Open the task you finished last (Shift+N)"
        >
          Previous task
        </button>
      )}
      {task.message && (
        <span className="muted" role="status">
          {task.message}
        </span>
      )}
    </span>
  );
}
