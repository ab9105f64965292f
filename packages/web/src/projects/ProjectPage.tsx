import { useState } from 'react';
import type { Project, Role, Study } from '../api/api-types.js';
import { type Loaded, useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { pathOf } from '../app/routes.js';
import { HeldImagesPanel } from '../privacy/HeldImagesPanel.js';
import { PrivacyPanel } from '../privacy/PrivacyPanel.js';
import { heldCount, useHeldImages } from '../privacy/use-held-images.js';
import { ReadingPanel } from '../reading/ReadingPanel.js';
import { TaskPanel } from '../tasks/TaskPanel.js';
import { AnnotationImportPanel } from './AnnotationImportPanel.js';
import { LabelEditor, type SchemaLabel } from './LabelEditor.js';
import { MembersPanel } from './MembersPanel.js';
import { type Member, managesProject, seesTeam } from './member-types.js';
import { OtherImages } from './OtherImages.js';
import { SeriesThumbnail } from './SeriesThumbnail.js';

/**
 * A project: its label schema, members, tasks and progress, reading settings and sending items to
 * readers, images held for review and its privacy settings, its DICOM studies with their series (each
 * opens the viewer), other images.
 */
export function ProjectPage(props: { readonly projectId: string; readonly userId: string }) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}`;
  const project = useApiGet<Project>(base);
  // Bumped when a held image is accepted, so that its study appears without reloading the page.
  const [studiesVersion, setStudiesVersion] = useState(0);
  const studies = useApiGet<{ studies: Study[] }>(
    `${base}/studies${studiesVersion > 0 ? `?v=${studiesVersion}` : ''}`,
  );
  return (
    <main className="page">
      <p>
        <Link to={pathOf({ name: 'projects' })}>← Projects</Link>
      </p>
      <LoadState loaded={project}>
        {(p) => (
          <ProjectBody
            project={p}
            userId={props.userId}
            studies={studies}
            onImageAccepted={() => setStudiesVersion((v) => v + 1)}
          />
        )}
      </LoadState>
      <h2>Studies</h2>
      <LoadState loaded={studies}>
        {({ studies: list }) => <StudyTable projectId={props.projectId} studies={list} />}
      </LoadState>
      <OtherImages projectId={props.projectId} />
    </main>
  );
}

function ProjectBody(props: {
  readonly project: Project;
  readonly userId: string;
  readonly studies: Loaded<{ studies: Study[] }>;
  readonly onImageAccepted: () => void;
}) {
  // The reading settings change what the summary line says: the page keeps the project as last saved.
  const [p, setProject] = useState(props.project);
  const studyList = props.studies.status === 'ready' ? props.studies.data.studies : [];
  const tasks = { projectId: p.id, role: p.role, userId: props.userId, studies: studyList };
  // Managers and owners review held images (the server's images.review); others are not asked.
  const mayReview = managesProject(p.role);
  const held = useHeldImages(p.id, mayReview);
  const waiting = heldCount(held);
  return (
    <>
      <h1>{p.name}</h1>
      {p.description && <p className="muted">{p.description}</p>}
      <p className="meta">
        {p.imageCount} images · {p.memberCount} members · your role: {p.role} · {p.settings.reading} reading ·{' '}
        {p.settings.readersPerItem} reader(s) per item
      </p>
      {/* The server's quality.read: owners, managers and reviewers. */}
      {seesTeam(p.role) && (
        <p>
          <Link to={pathOf({ name: 'quality', projectId: p.id })}>
            Quality: reader agreement and review →
          </Link>
        </p>
      )}
      {/* The server's versions.read: owners, managers and reviewers, as for quality. */}
      {seesTeam(p.role) && (
        <p>
          <Link to={pathOf({ name: 'versions', projectId: p.id })}>Versions &amp; exports →</Link>
        </p>
      )}
      {waiting > 0 && (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => document.getElementById('held-for-review')?.scrollIntoView({ behavior: 'smooth' })}
          >
            <span className="badge">{waiting}</span> {waiting === 1 ? 'image waits' : 'images wait'} for
            review of burned-in text
          </button>
        </p>
      )}
      {/* The project detail carries each label's code, which the shared Label type leaves out. */}
      <LabelEditor
        projectId={p.id}
        initial={p.labels as readonly SchemaLabel[]}
        canManage={managesProject(p.role)}
      />
      {/* Annotators and viewers may not list the members: their page makes no such request. */}
      {seesTeam(p.role) ? (
        <TeamSections {...tasks} project={p} onProjectSaved={setProject} />
      ) : (
        <TaskPanel {...tasks} members={null} />
      )}
      {/* The server's annotations.write: everyone but viewers may import annotations. */}
      {p.role !== 'viewer' && <AnnotationImportPanel projectId={p.id} />}
      {mayReview && <HeldImagesPanel projectId={p.id} held={held} onAccepted={props.onImageAccepted} />}
      <PrivacyPanel project={p} />
    </>
  );
}

/**
 * Tasks, progress and members, for the roles that may see the whole team; for owners and managers also the
 * Reading panel, outside the members' loading state so that reloading the members keeps its unsaved edits.
 */
function TeamSections(props: {
  readonly projectId: string;
  readonly role: Role;
  readonly userId: string;
  readonly studies: readonly Study[];
  readonly project: Project;
  readonly onProjectSaved: (project: Project) => void;
}) {
  const [version, setVersion] = useState(0);
  // Bumped when items are sent to readers: their tasks are new, so the task panel loads again.
  const [tasksVersion, setTasksVersion] = useState(0);
  const members = useApiGet<{ members: Member[] }>(
    `/api/projects/${encodeURIComponent(props.projectId)}/members?v=${version}`,
  );
  const tasks = {
    projectId: props.projectId,
    role: props.role,
    userId: props.userId,
    studies: props.studies,
  };
  return (
    <>
      <LoadState loaded={members}>
        {({ members: list }) => (
          <>
            <TaskPanel key={tasksVersion} {...tasks} members={list} />
            <MembersPanel
              projectId={props.projectId}
              members={list}
              canManage={managesProject(props.role)}
              onChange={() => setVersion((v) => v + 1)}
            />
          </>
        )}
      </LoadState>
      {/* The server's project.update and quality.manage: owners and managers. */}
      {managesProject(props.role) && (
        <ReadingPanel
          project={props.project}
          studies={props.studies}
          members={members.status === 'ready' ? members.data.members : null}
          onSettingsSaved={props.onProjectSaved}
          onItemsSent={() => setTasksVersion((v) => v + 1)}
        />
      )}
    </>
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
          <th scope="col">Preview</th>
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
                <SeriesThumbnail
                  projectId={props.projectId}
                  studyUid={study.studyInstanceUid}
                  seriesUid={series.seriesInstanceUid}
                  description={series.description || series.seriesInstanceUid}
                />
              </td>
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
