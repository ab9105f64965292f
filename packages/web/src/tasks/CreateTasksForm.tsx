import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { Study } from '../api/api-types.js';
import type { Member } from '../projects/member-types.js';

/** Managers pick series and, optionally, whom to give them to: one task per series. */
export function CreateTasksForm(props: {
  readonly projectId: string;
  readonly studies: readonly Study[];
  readonly members: readonly Member[];
  readonly onCreated: () => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assigneeId, setAssigneeId] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const series = props.studies.flatMap((study) =>
    study.series.map((s) => ({
      id: s.id,
      name: `${study.subject} · ${s.description || s.seriesInstanceUid}`,
    })),
  );
  if (series.length === 0) return null;

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (selected.size === 0) {
      setMessage({ error: true, text: 'pick at least one series' });
      return;
    }
    const items = [...selected].map((seriesId) => ({ seriesId, assigneeId: assigneeId || null }));
    try {
      const { tasks } = await api.post<{ tasks: unknown[] }>(
        `/api/projects/${encodeURIComponent(props.projectId)}/tasks`,
        { items },
      );
      setSelected(new Set());
      setMessage({ error: false, text: `${tasks.length} task(s) created` });
      props.onCreated();
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Create tasks">
      <h3>Create tasks</h3>
      <ul className="plain series-pick">
        {series.map((s) => (
          <li key={s.id}>
            <label>
              <input type="checkbox" checked={selected.has(s.id)} onChange={() => toggle(s.id)} /> {s.name}
            </label>
          </li>
        ))}
      </ul>
      <p className="actions">
        <label>
          Assign to{' '}
          <select value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">nobody yet</option>
            {props.members.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.displayName} ({member.role})
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Create {selected.size || ''} task(s)</button>
        {message && (
          <span className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </p>
    </form>
  );
}
