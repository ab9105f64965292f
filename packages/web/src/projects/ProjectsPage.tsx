import { useState } from 'react';
import type { ProjectSummary } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { pathOf } from '../app/routes.js';
import { NewProjectForm } from './NewProjectForm.js';

/** The projects the user is a member of (every project for an administrator). */
export function ProjectsPage() {
  const loaded = useApiGet<{ projects: ProjectSummary[] }>('/api/projects');
  const [creating, setCreating] = useState(false);
  return (
    <main className="page">
      <div className="heading-row">
        <h1>Projects</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && <NewProjectForm onCancel={() => setCreating(false)} />}
      <LoadState loaded={loaded}>
        {({ projects }) =>
          projects.length === 0 ? (
            <p className="muted">You are not a member of any project yet.</p>
          ) : (
            <ul className="cards">
              {projects.map((project) => (
                <li key={project.id}>
                  <Link to={pathOf({ name: 'project', projectId: project.id })} className="card">
                    <strong>{project.name}</strong>
                    <span className="muted">{project.description}</span>
                    <span className="meta">
                      {project.imageCount} images · {project.role}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </main>
  );
}
