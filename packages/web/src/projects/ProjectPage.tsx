import type { Label, Project, Study } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { pathOf } from '../app/routes.js';
import { OtherImages } from './OtherImages.js';

/** A project: its label schema, its DICOM studies with their series (each opens the viewer), other images. */
export function ProjectPage({ projectId }: { readonly projectId: string }) {
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  const project = useApiGet<Project>(base);
  const studies = useApiGet<{ studies: Study[] }>(`${base}/studies`);
  return (
    <main className="page">
      <p>
        <Link to={pathOf({ name: 'projects' })}>← Projects</Link>
      </p>
      <LoadState loaded={project}>
        {(p) => (
          <>
            <h1>{p.name}</h1>
            {p.description && <p className="muted">{p.description}</p>}
            <p className="meta">
              {p.imageCount} images · {p.memberCount} members · your role: {p.role} · {p.settings.reading}{' '}
              reading
            </p>
            <LabelList labels={p.labels} />
          </>
        )}
      </LoadState>
      <h2>Studies</h2>
      <LoadState loaded={studies}>
        {({ studies: list }) => <StudyTable projectId={projectId} studies={list} />}
      </LoadState>
      <OtherImages projectId={projectId} />
    </main>
  );
}

function LabelList({ labels }: { readonly labels: readonly Label[] }) {
  if (labels.length === 0) return <p className="muted">No labels yet.</p>;
  return (
    <section aria-labelledby="labels-title">
      <h2 id="labels-title">Labels</h2>
      <ul className="labels">
        {labels.map((label) => (
          <li key={label.id} title={label.guideline || undefined}>
            <span className="swatch" style={{ background: label.colour }} aria-hidden="true" />
            {label.name} <span className="muted">({label.type})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StudyTable(props: { readonly projectId: string; readonly studies: readonly Study[] }) {
  if (props.studies.length === 0) return <p className="muted">No DICOM studies in this project.</p>;
  return (
    <table className="studies">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Date</th>
          <th scope="col">Study</th>
          <th scope="col">Series</th>
          <th scope="col">Modality</th>
          <th scope="col">Images</th>
        </tr>
      </thead>
      <tbody>
        {props.studies.flatMap((study) =>
          study.series.map((series, i) => (
            <tr key={series.id}>
              <td>{i === 0 ? study.subject : ''}</td>
              <td>{i === 0 ? formatDicomDate(study.studyDate) : ''}</td>
              <td>{i === 0 ? (study.description ?? '') : ''}</td>
              <td>
                <Link
                  to={pathOf({
                    name: 'viewer',
                    projectId: props.projectId,
                    studyUid: study.studyInstanceUid,
                    seriesUid: series.seriesInstanceUid,
                  })}
                >
                  {series.description || series.seriesInstanceUid}
                </Link>
              </td>
              <td>{series.modality ?? ''}</td>
              <td>{series.imageCount}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/** DICOM DA (YYYYMMDD) as ISO 8601, the one date form every reader parses the same way. */
function formatDicomDate(da: string | null): string {
  if (!da || !/^\d{8}$/.test(da)) return da ?? '';
  return `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
}
