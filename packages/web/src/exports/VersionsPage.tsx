import { useState } from 'react';
import type { Project } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { pathOf } from '../app/routes.js';
import type { Member } from '../projects/member-types.js';
import { managesProject } from '../projects/member-types.js';
import { DatasetTermsForm } from './DatasetTermsForm.js';
import { ExportControls } from './ExportControls.js';
import { ExportStatus } from './ExportStatus.js';
import { NewVersionForm } from './NewVersionForm.js';
import { type Exports, useExports } from './use-exports.js';
import { VersionDiffPanel } from './VersionDiffPanel.js';
import { type DatasetVersion, type ExportFormatInfo, SOURCE_TITLES, versionPaths } from './versions-api.js';
import './exports.css';

/**
 * `/projects/:projectId/versions`: the project's dataset versions (issue 7), a form to freeze a new one
 * (owners and managers), the diff between two, and their exports: start one per version in a format,
 * watch its progress, download the zip. Readable by owners, managers and reviewers (versions.read).
 */
export function VersionsPage(props: { readonly projectId: string }) {
  const { projectId } = props;
  const project = useApiGet<Project>(versionPaths.project(projectId));
  const [reload, setReload] = useState(0);
  const versions = useApiGet<{ versions: DatasetVersion[] }>(
    `${versionPaths.versions(projectId)}${reload > 0 ? `?r=${reload}` : ''}`,
  );
  const formats = useApiGet<{ formats: ExportFormatInfo[] }>(versionPaths.formats);
  const members = useApiGet<{ members: Member[] }>(`${versionPaths.project(projectId)}/members`);
  const exports = useExports(projectId);
  const name = project.status === 'ready' ? project.data.name : 'Project';
  const manages = project.status === 'ready' && managesProject(project.data.role);
  const names = new Map(
    members.status === 'ready' ? members.data.members.map((m) => [m.userId, m.displayName]) : [],
  );
  return (
    <main className="page versions-page">
      <p>
        <Link to={pathOf({ name: 'project', projectId })}>← {name}</Link>
      </p>
      <h1>Versions &amp; exports</h1>
      <LoadState loaded={versions}>
        {({ versions: list }) => (
          <>
            <section aria-labelledby="versions-heading">
              <h2 id="versions-heading">Versions</h2>
              {list.length === 0 ? (
                <p className="muted">No version yet.{manages ? ' Freeze the first one below.' : ''}</p>
              ) : (
                <VersionsTable
                  projectId={projectId}
                  versions={list}
                  formats={formats.status === 'ready' ? formats.data.formats : []}
                  names={names}
                  exports={exports}
                />
              )}
              {exports.error && (
                <p className="error" role="alert">
                  {exports.error}
                </p>
              )}
            </section>
            {manages && <NewVersionForm projectId={projectId} onCreated={() => setReload((n) => n + 1)} />}
            {project.status === 'ready' && <DatasetTermsForm project={project.data} editable={manages} />}
            <section aria-labelledby="diff-heading">
              <h2 id="diff-heading">Compare versions</h2>
              <VersionDiffPanel key={list.length} projectId={projectId} versions={list} />
            </section>
          </>
        )}
      </LoadState>
      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading">Exports</h2>
        <ExportsTable projectId={projectId} exports={exports} names={names} manages={manages} />
      </section>
    </main>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString();
const countOf = (n: number | undefined, noun: string) => `${n ?? 0} ${noun}${n === 1 ? '' : 's'}`;

function VersionsTable(props: {
  readonly projectId: string;
  readonly versions: readonly DatasetVersion[];
  readonly formats: readonly ExportFormatInfo[];
  readonly names: ReadonlyMap<string, string>;
  readonly exports: Exports;
}) {
  const latestOf = (versionId: string) => props.exports.jobs?.find((j) => j.versionId === versionId);
  return (
    <table className="grid-table versions-table" aria-label="Versions">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Annotations</th>
          <th scope="col">Content hash</th>
          <th scope="col">Cases</th>
          <th scope="col">Train / val. / test</th>
          <th scope="col">Created</th>
          <th scope="col">Export</th>
        </tr>
      </thead>
      <tbody>
        {props.versions.map((v) => (
          <tr key={v.id} data-version={v.name}>
            <th scope="row">
              {v.name}
              {v.note && <div className="muted note">{v.note}</div>}
            </th>
            <td>{SOURCE_TITLES[v.source] ?? v.source}</td>
            <td>
              <code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code>
            </td>
            <td>
              {countOf(v.counts.cases, 'case')}, {countOf(v.counts.subjects, 'subject')},{' '}
              {countOf(v.counts.annotations, 'annotation')}
            </td>
            <td className="nowrap">
              {v.counts.splits?.train ?? 0} / {v.counts.splits?.validation ?? 0} /{' '}
              {v.counts.splits?.test ?? 0}
            </td>
            <td>
              {v.createdBy ? (props.names.get(v.createdBy) ?? 'a former member') : 'the command line'}
              <div className="muted">{when(v.createdAt)}</div>
            </td>
            <td>
              <ExportControls
                projectId={props.projectId}
                versionName={v.name}
                formats={props.formats}
                latest={latestOf(v.id)}
                onExport={(format, channelName) => props.exports.start(v.id, format, channelName)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExportsTable(props: {
  readonly projectId: string;
  readonly exports: Exports;
  readonly names: ReadonlyMap<string, string>;
  /** Owners and managers may delete ended exports (and their archives). */
  readonly manages: boolean;
}) {
  const { jobs } = props.exports;
  if (jobs === null) return <p className="muted">Loading…</p>;
  if (jobs.length === 0) return <p className="muted">No export yet.</p>;
  return (
    <table className="grid-table" aria-label="Exports">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Format</th>
          <th scope="col">State</th>
          <th scope="col">Started</th>
          <th scope="col">Archive</th>
          {props.manages && <th scope="col">Remove</th>}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <th scope="row">{job.versionName ?? <span className="muted">(deleted)</span>}</th>
            <td title={job.format}>{job.formatTitle}</td>
            <td>
              <span className={`export-state state-${job.state}`}>{job.state}</span>
            </td>
            <td>
              {job.createdBy ? (props.names.get(job.createdBy) ?? '') : ''}
              <div className="muted">{when(job.createdAt)}</div>
            </td>
            <td>
              <ExportStatus projectId={props.projectId} job={job} />
            </td>
            {props.manages && (
              <td>
                {(job.state === 'done' || job.state === 'failed') && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Delete the ${job.formatTitle} export of ${job.versionName ?? 'a deleted version'}`}
                    onClick={() => {
                      if (window.confirm(`Delete this ${job.formatTitle} export and its archive?`))
                        void props.exports.remove(job.id);
                    }}
                  >
                    Delete
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
