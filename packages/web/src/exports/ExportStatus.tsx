import { formatBytes, progressShare } from './export-progress.js';
import { type ExportJob, versionPaths } from './versions-api.js';

/**
 * One export's state: a progress bar while it is queued or running, the Download link once done (a plain
 * link: the browser saves the zip under the name the server gives), or why it failed.
 */
export function ExportStatus(props: { readonly projectId: string; readonly job: ExportJob }) {
  const { job } = props;
  if (job.state === 'done' && job.result)
    return (
      <span className="export-status">
        <a href={versionPaths.archive(props.projectId, job.id)} download={job.result.fileName}>
          Download
        </a>{' '}
        <span className="muted">
          {job.result.fileName}, {formatBytes(job.result.size)}
          {job.result.summary.skipped.length > 0 &&
            `, ${job.result.summary.skipped.length} annotations the format cannot hold`}
        </span>
      </span>
    );
  if (job.state === 'failed')
    return (
      <span className="export-status error" role="alert">
        Failed: {job.error ?? 'no reason given'}
      </span>
    );
  const share = progressShare(job.progress);
  const percent = share === null ? null : Math.round(share * 100);
  return (
    <span className="export-status">
      <progress
        max={100}
        {...(percent === null ? {} : { value: percent })}
        aria-label={`Export of ${job.versionName ?? 'a version'} as ${job.format}`}
      />{' '}
      <span className="muted">{percent === null ? job.state : `${percent} %`}</span>
    </span>
  );
}
