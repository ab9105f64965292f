import { useState } from 'react';
import { api } from '../api/api-client.js';
import type { Project } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { pathOf } from '../app/routes.js';
import { managesProject } from '../projects/member-types.js';
import { AnnotatorQualitySection } from './AnnotatorQualitySection.js';
import { LabelQualitySection } from './LabelQualitySection.js';
import { OverTimeSection } from './OverTimeSection.js';
import { projectApiBase, type QualityReport, qualityClient, qualityReportPath } from './quality-api.js';
import { summaryCounts } from './report-rows.js';
import { WorstItemsList } from './WorstItemsList.js';
import './quality.css';

/** `/projects/:projectId/quality`: how well the readers agree, per label, per annotator and over time. */
export function QualityDashboard(props: { readonly projectId: string }) {
  const project = useApiGet<Project>(projectApiBase(props.projectId));
  const [version, setVersion] = useState(0);
  const report = useApiGet<QualityReport>(
    `${qualityReportPath(props.projectId)}${version > 0 ? `?v=${version}` : ''}`,
  );
  const name = project.status === 'ready' ? project.data.name : 'Project';
  const manages = project.status === 'ready' && managesProject(project.data.role);
  return (
    <main className="page quality-page">
      <p>
        <Link to={pathOf({ name: 'project', projectId: props.projectId })}>← {name}</Link>
      </p>
      <div className="heading-row">
        <h1>Quality</h1>
        <Link to={pathOf({ name: 'quality-review', projectId: props.projectId })}>Review queue</Link>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
        {manages && <RecomputeButton projectId={props.projectId} />}
      </div>
      <LoadState loaded={report}>
        {(data) => <ReportBody projectId={props.projectId} report={data} />}
      </LoadState>
    </main>
  );
}

function ReportBody(props: { readonly projectId: string; readonly report: QualityReport }) {
  const { report } = props;
  return (
    <>
      <section aria-labelledby="quality-summary">
        <h2 id="quality-summary" className="visually-hidden">
          Summary
        </h2>
        <dl className="quality-summary">
          {summaryCounts(report.summary).map(({ name, count }) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
        {report.summary.disputed > 0 && (
          <p>
            <Link to={pathOf({ name: 'quality-review', projectId: props.projectId })}>
              Review the {report.summary.disputed} disputed {report.summary.disputed === 1 ? 'item' : 'items'}{' '}
              →
            </Link>
          </p>
        )}
      </section>
      <LabelQualitySection labels={report.perLabel} />
      <AnnotatorQualitySection annotators={report.perAnnotator} />
      <OverTimeSection overTime={report.overTime} />
      <WorstItemsList projectId={props.projectId} items={report.worstItems} />
    </>
  );
}

/** Managers ask the server to recompute every finished item; the job runs in the background. */
function RecomputeButton(props: { readonly projectId: string }) {
  const [state, setState] = useState<{ busy: boolean; text: string | null; error: boolean }>({
    busy: false,
    text: null,
    error: false,
  });
  async function recompute() {
    setState({ busy: true, text: null, error: false });
    try {
      const { jobId, items } = await qualityClient(api, props.projectId).recomputeAll();
      setState({
        busy: false,
        text:
          jobId === null
            ? 'No item has finished reading yet: there is nothing to recompute.'
            : `Recomputing ${items} ${items === 1 ? 'item' : 'items'} in the background; refresh in a while to see the new numbers.`,
        error: false,
      });
    } catch (error) {
      setState({ busy: false, text: error instanceof Error ? error.message : String(error), error: true });
    }
  }
  return (
    <>
      <button type="button" disabled={state.busy} onClick={() => void recompute()}>
        {state.busy ? 'Recomputing…' : 'Recompute'}
      </button>
      {state.text && (
        <p className={state.error ? 'error wide' : 'muted wide'} role={state.error ? 'alert' : 'status'}>
          {state.text}
        </p>
      )}
    </>
  );
}
