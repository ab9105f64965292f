import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { Role } from '../api/api-types.js';
import { FieldMessage, FormMessage } from './FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, NO_ERRORS } from './field-errors.js';
import { type Member, ROLES } from './member-types.js';

/**
 * The members and their roles. Managers add a user by username, change roles and remove members; the
 * server's refusals (the last owner, a manager touching an owner) are shown as it words them.
 */
export function MembersPanel(props: {
  readonly projectId: string;
  readonly members: readonly Member[];
  readonly canManage: boolean;
  readonly onChange: () => void;
}) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}/members`;
  const [rowError, setRowError] = useState<string | null>(null);

  async function change(action: () => Promise<unknown>) {
    setRowError(null);
    try {
      await action();
      props.onChange();
    } catch (error) {
      setRowError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <table className="grid-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            {props.canManage && <th scope="col" aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {props.members.map((member) => (
            <tr key={member.userId}>
              <td>
                {member.displayName}
                {member.displayName !== member.username && (
                  <span className="muted"> ({member.username})</span>
                )}
              </td>
              <td>
                {props.canManage ? (
                  <RoleSelect
                    label={`Role of ${member.username}`}
                    value={member.role}
                    onChange={(role) =>
                      void change(() =>
                        api.request('PATCH', `${base}/${encodeURIComponent(member.userId)}`, { role }),
                      )
                    }
                  />
                ) : (
                  member.role
                )}
              </td>
              <td>{member.since.slice(0, 10)}</td>
              {props.canManage && (
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${member.username}`}
                    onClick={() =>
                      void change(() => api.request('DELETE', `${base}/${encodeURIComponent(member.userId)}`))
                    }
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rowError && (
        <p className="error" role="alert">
          {rowError}
        </p>
      )}
      {props.canManage && <AddMemberForm base={base} onAdded={props.onChange} />}
    </section>
  );
}

function RoleSelect(props: {
  readonly label: string;
  readonly value: Role;
  readonly onChange: (role: Role) => void;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function AddMemberForm(props: { readonly base: string; readonly onAdded: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (username.trim() === '') {
      setErrors({ fields: { username: 'whom to add: a username' }, form: null });
      return;
    }
    try {
      await api.post(props.base, { username: username.trim(), role });
      setUsername('');
      setErrors(NO_ERRORS);
      props.onAdded();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add member">
      <label>
        Username
        <input value={username} onChange={(e) => setUsername(e.target.value)} />
        <FieldMessage errors={errors} field="username" />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Add member</button>
      <FormMessage errors={errors} />
    </form>
  );
}
