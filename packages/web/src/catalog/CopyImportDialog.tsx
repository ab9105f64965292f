import type { DatasetEntry } from '@voxelhub/core/catalog';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useFocusTrap } from '../annotations/focus-trap.js';
import { api } from '../api/api-client.js';
import type { ProjectSummary } from '../api/api-types.js';
import { Link } from '../app/Link.js';
import { pathOf } from '../app/routes.js';
import { FieldMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, fieldErrorsOf, hasErrors, NO_ERRORS } from '../projects/field-errors.js';
import {
  type CopyProjectDraft,
  draftFor,
  toCopyProjectInput,
  validateCopyProject,
} from './copy-project-form.js';
import { type DatasetImportAccepted, datasetImportForm, datasetImportUrl } from './dataset-import.js';
import { type DatasetImportReport, datasetImportReportOf } from './dataset-import-report.js';
import { FolderChooser } from './FolderChooser.js';
import { type FolderFile, filesToUpload, folderNameOf, totalsOf } from './folder-files.js';
import { followJob } from './follow-job.js';
import { ImportReportView } from './ImportReportView.js';
import {
  type CreatedProject,
  type FailedStep,
  failureNotice,
  importProgressText,
  uploadProgressText,
} from './import-steps.js';
import { LayoutSummary } from './LayoutSummary.js';
import { type FolderRecognition, recogniseFolder } from './recognise-folder.js';
import { uploadProblem } from './upload-limits.js';
import { uploadWithProgress } from './upload-with-progress.js';

type Phase =
  | { readonly step: 'setup' }
  | { readonly step: 'creating' }
  | { readonly step: 'uploading'; readonly sent: number; readonly total: number }
  | { readonly step: 'importing'; readonly done: number; readonly total: number | null }
  | { readonly step: 'finished'; readonly report: DatasetImportReport }
  | {
      readonly step: 'failed';
      readonly during: FailedStep;
      readonly reason: string;
      readonly report?: DatasetImportReport;
    };

interface ChosenFolder {
  readonly files: readonly FolderFile[];
  readonly recognition: FolderRecognition | null;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Create a project from my copy" (issue 8): the user points at the folder where they downloaded the
 * dataset; its layout is recognised in the browser and shown; then a project is created (named after the
 * dataset, its citation and license in the description), the files the layout uses are uploaded with a
 * progress bar, and the import job is followed to its report. A modal: focus stays inside, Escape closes
 * (or cancels an upload under way).
 */
export function CopyImportDialog(props: { readonly dataset: DatasetEntry; readonly onClose: () => void }) {
  const { dataset, onClose } = props;
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [folder, setFolder] = useState<ChosenFolder | null>(null);
  const [draft, setDraft] = useState<CopyProjectDraft>(() => draftFor(dataset));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [project, setProject] = useState<CreatedProject | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'setup' });
  const upload = useRef<AbortController | null>(null);
  const stopFollowing = useRef<(() => void) | null>(null);
  const reading = useRef(0);

  useEffect(
    () => () => {
      upload.current?.abort();
      stopFollowing.current?.();
    },
    [],
  );

  const requestClose = () => {
    // Escape during an upload cancels it (the dialog then says what exists); otherwise it closes.
    if (phase.step === 'uploading') upload.current?.abort();
    else if (phase.step !== 'creating') onClose();
  };
  const onKeyDown = useFocusTrap(dialog, requestClose);

  const recognition = folder?.recognition ?? null;
  const toUpload = useMemo(
    () => (folder && recognition?.ok ? filesToUpload(folder.files, recognition.layout) : []),
    [folder, recognition],
  );
  const problem = recognition?.ok ? uploadProblem(totalsOf(toUpload)) : null;
  const busy = phase.step === 'creating' || phase.step === 'uploading' || phase.step === 'importing';
  const canStart = !busy && phase.step !== 'finished' && recognition?.ok === true && problem === null;

  async function choose(files: FolderFile[]) {
    const attempt = ++reading.current;
    setFolder({ files, recognition: null });
    const recognised = await recogniseFolder(files);
    if (attempt === reading.current) setFolder({ files, recognition: recognised });
  }

  async function createProject(): Promise<CreatedProject | null> {
    if (project) return project;
    const checked = validateCopyProject(draft);
    setErrors(checked);
    if (hasErrors(checked)) return null;
    setPhase({ step: 'creating' });
    try {
      const created = await api.post<ProjectSummary>(
        '/api/projects',
        toCopyProjectInput(draft, props.dataset),
      );
      const made = { id: created.id, name: created.name };
      setProject(made);
      return made;
    } catch (error) {
      const placed = fieldErrorsOf(error);
      // A field the server refused goes beside it; anything else is the create step's failure.
      if (Object.keys(placed.fields).length > 0) {
        setErrors(placed);
        setPhase({ step: 'setup' });
      } else setPhase({ step: 'failed', during: 'create', reason: reasonOf(error) });
      return null;
    }
  }

  function follow(accepted: DatasetImportAccepted) {
    setPhase({ step: 'importing', done: 0, total: null });
    const addresses = {
      eventsUrl: accepted.eventsUrl,
      statusUrl: accepted.statusUrl,
      ...(accepted.reportUrl ? { finalUrl: accepted.reportUrl } : {}),
    };
    stopFollowing.current = followJob(addresses, {
      progress: (done, total) => setPhase({ step: 'importing', done, total }),
      end: (job) => {
        const report = datasetImportReportOf(job);
        if (report.state === 'failed')
          setPhase({ step: 'failed', during: 'import', reason: report.error ?? 'no reason given', report });
        else setPhase({ step: 'finished', report });
      },
      lost: (reason) =>
        setPhase({
          step: 'failed',
          during: 'import',
          reason: `its progress could not be followed: ${reason}`,
        }),
    });
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!canStart || !recognition?.ok) return;
    const made = await createProject();
    if (!made) return;
    const total = totalsOf(toUpload).bytes;
    setPhase({ step: 'uploading', sent: 0, total });
    const controller = new AbortController();
    upload.current = controller;
    try {
      const accepted = await uploadWithProgress<DatasetImportAccepted>(
        datasetImportUrl(made.id),
        datasetImportForm(toUpload, recognition.layout.kind),
        (sent, size) => setPhase({ step: 'uploading', sent, total: size }),
        controller.signal,
      );
      follow(accepted);
    } catch (error) {
      setPhase({ step: 'failed', during: 'upload', reason: reasonOf(error) });
    } finally {
      upload.current = null;
    }
  }

  const set = (change: Partial<CopyProjectDraft>) => setDraft((d) => ({ ...d, ...change }));
  return (
    <div className="catalog-backdrop">
      <div
        ref={dialog}
        className="copy-import-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>Create a project from my copy of {dataset.name}</h2>
        <p className="muted">
          Point at the folder where you downloaded the dataset. Its layout (nnU-Net, Decathlon, COCO, YOLO, a
          CSV of labels, DICOM or plain images) is recognised here, before anything is sent.
        </p>
        <form onSubmit={(event) => void start(event)} noValidate>
          <FolderChooser chosen={folder !== null} disabled={busy} onChoose={(files) => void choose(files)} />
          {folder && !folder.recognition && <p role="status">Reading the folder…</p>}
          {folder?.recognition && (
            <LayoutSummary
              folderName={folderNameOf(folder.files)}
              fileCount={folder.files.length}
              recognition={folder.recognition}
              upload={totalsOf(toUpload)}
            />
          )}
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <fieldset className="form-grid" disabled={busy || project !== null}>
            <legend>The new project</legend>
            <label>
              Name
              <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
              <FieldMessage errors={errors} field="name" />
            </label>
            <label>
              Description
              <textarea
                value={draft.description}
                rows={5}
                onChange={(e) => set({ description: e.target.value })}
              />
              <FieldMessage errors={errors} field="description" />
            </label>
            <label className="checkbox-field wide">
              <input
                type="checkbox"
                checked={draft.requireDeidentification}
                onChange={(e) => set({ requireDeidentification: e.target.checked })}
              />
              <span>
                De-identify images on import (recommended)
                <span className="muted"> — names, IDs and dates are replaced before anything is stored</span>
              </span>
            </label>
          </fieldset>
          <PhaseView phase={phase} project={project} />
          <div className="actions">
            {phase.step === 'finished' ? null : (
              <button type="submit" className="primary" disabled={!canStart}>
                {project ? `Retry the import into “${project.name}”` : 'Create and import'}
              </button>
            )}
            {project && (
              <Link to={pathOf({ name: 'project', projectId: project.id })}>Open “{project.name}”</Link>
            )}
            {phase.step === 'uploading' ? (
              <button type="button" onClick={() => upload.current?.abort()}>
                Cancel upload
              </button>
            ) : (
              <button type="button" onClick={onClose} disabled={phase.step === 'creating'}>
                Close
              </button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}

/** Where the dialog stands, scrolled into view as it changes (the form above may be taller than the screen). */
function PhaseView(props: { readonly phase: Phase; readonly project: CreatedProject | null }) {
  const here = useRef<HTMLDivElement>(null);
  const step = props.phase.step;
  useEffect(() => {
    if (step !== 'setup') here.current?.scrollIntoView?.({ block: 'start' });
  }, [step]);
  return (
    <div ref={here} className="import-phase">
      <PhaseState phase={props.phase} project={props.project} />
    </div>
  );
}

function PhaseState(props: { readonly phase: Phase; readonly project: CreatedProject | null }) {
  const { phase } = props;
  switch (phase.step) {
    case 'setup':
      return null;
    case 'creating':
      return <p role="status">Creating the project…</p>;
    case 'uploading':
      return (
        <div className="import-progress">
          <label>
            Uploading{' '}
            <progress max={phase.total || 1} value={phase.sent}>
              {uploadProgressText(phase.sent, phase.total)}
            </progress>
          </label>{' '}
          <span role="status">{uploadProgressText(phase.sent, phase.total)}</span>
        </div>
      );
    case 'importing':
      return (
        <div className="import-progress">
          <label>
            Importing{' '}
            <progress max={phase.total ?? undefined} value={phase.total === null ? undefined : phase.done} />
          </label>{' '}
          <span role="status">{importProgressText(phase.done, phase.total)}</span>
          <p className="muted">
            Closing this dialog does not stop the import: the project page shows what arrives.
          </p>
        </div>
      );
    case 'finished':
      return (
        <div aria-live="polite">
          <p role="status">Import finished.</p>
          <ImportReportView report={phase.report} />
        </div>
      );
    case 'failed':
      return (
        <div>
          <p className="error" role="alert">
            {failureNotice(phase.during, phase.reason, props.project)}
          </p>
          {phase.report && <ImportReportView report={phase.report} />}
        </div>
      );
  }
}
