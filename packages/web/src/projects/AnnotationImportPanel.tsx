import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import {
  type AnnotationImportReport,
  annotationImportForm,
  annotationImportUrl,
  IMPORT_FORMAT_CHOICES,
  type ImportFormatChoice,
  importSummary,
} from './annotation-import.js';

/**
 * Import annotations people already have (COCO, YOLO, nnU-Net, Decathlon, NIfTI, DICOM SEG/SR, CSV,
 * annotations.json): a file or a .zip of a folder, the format (told from the files by default), and a dry
 * run that only reports. The answer lists what was created per label and every item skipped, and why.
 */
export function AnnotationImportPanel(props: {
  readonly projectId: string;
  readonly onImported?: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormatChoice>('auto');
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<AnnotationImportReport | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const answer = await api.post<AnnotationImportReport>(
        annotationImportUrl(props.projectId),
        annotationImportForm(file, format, dryRun),
      );
      setReport(answer);
      if (!answer.dryRun && answer.createdTotal > 0) props.onImported?.();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="annotation-import-title">
      <h2 id="annotation-import-title">Import annotations</h2>
      <p className="muted">
        A COCO .json, DICOM SEG or SR, NIfTI label map or CSV file, or a .zip of an export folder. Cases match
        by the archive's manifest.json, DICOM UIDs, or image and series ids; labels by name.
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          File{' '}
          <input
            type="file"
            accept=".zip,.json,.dcm,.nii,.gz,.csv"
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </label>{' '}
        <label>
          Format{' '}
          <select
            value={format}
            onChange={(event) => setFormat(event.currentTarget.value as ImportFormatChoice)}
          >
            {IMPORT_FORMAT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input
            type="checkbox"
            checked={dryRun}
            onChange={(event) => setDryRun(event.currentTarget.checked)}
          />{' '}
          Dry run (report only)
        </label>{' '}
        <button type="submit" disabled={!file || busy}>
          {busy ? 'Importing…' : dryRun ? 'Check' : 'Import'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <ImportReport report={report} />}
    </section>
  );
}

function ImportReport({ report }: { readonly report: AnnotationImportReport }) {
  return (
    <div aria-live="polite">
      <p>{importSummary(report)}</p>
      {report.created.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Label</th>
              <th>Type</th>
              <th>{report.dryRun ? 'Would create' : 'Created'}</th>
            </tr>
          </thead>
          <tbody>
            {report.created.map((row) => (
              <tr key={`${row.labelId} ${row.type}`}>
                <td>
                  {row.label}
                  {report.newLabels.some((l) => l.id === row.labelId) && ' (new label)'}
                </td>
                <td>{row.type}</td>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.skipped.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Skipped item</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.skipped.map((item, i) => (
              // Two items of one file may be skipped for one reason: the index tells them apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once and never reordered.
              <tr key={i}>
                <td>{item.file}</td>
                <td>{item.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
