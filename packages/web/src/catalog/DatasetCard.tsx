import { type DatasetEntry, MODALITY_TITLES } from '@voxelhub/core/catalog';
import { useState } from 'react';
import { CopyImportDialog } from './CopyImportDialog.js';
import { facetValueTitle } from './facet-titles.js';

function count(n: number | null): string {
  return n === null ? 'not stated' : n.toLocaleString('en-GB');
}

/** One dataset of the catalog: what it is, its size, license and access, how to get it and cite it. */
export function DatasetCard({ dataset }: { readonly dataset: DatasetEntry }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const [importing, setImporting] = useState(false);
  const copyCitation = () => {
    const text = dataset.doi ? `${dataset.citation} https://doi.org/${dataset.doi}` : dataset.citation;
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };
  return (
    <article className="dataset-card" aria-labelledby={`dataset-${dataset.id}`}>
      <header>
        <h2 id={`dataset-${dataset.id}`}>
          <a href={dataset.url} target="_blank" rel="noreferrer">
            {dataset.name}
          </a>
        </h2>
        <span className={`access access-${dataset.access}`}>{facetValueTitle('access', dataset.access)}</span>
      </header>
      <p>{dataset.summary}</p>
      <ul className="chips" aria-label="Modalities, regions and tasks">
        {dataset.modalities.map((m) => (
          <li key={m} className="chip modality">
            {MODALITY_TITLES[m]}
          </li>
        ))}
        {dataset.bodyRegions.map((r) => (
          <li key={r} className="chip">
            {facetValueTitle('bodyRegion', r)}
          </li>
        ))}
        {dataset.tasks.map((t) => (
          <li key={t} className="chip task">
            {facetValueTitle('task', t)}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>Subjects</dt>
        <dd>{count(dataset.subjects)}</dd>
        <dt>Images</dt>
        <dd>
          {count(dataset.images)} {dataset.images === null ? '' : dataset.imageUnit}
        </dd>
        <dt>License</dt>
        <dd>
          {dataset.licenseUrl ? (
            <a href={dataset.licenseUrl} target="_blank" rel="noreferrer">
              {dataset.license}
            </a>
          ) : (
            dataset.license
          )}
        </dd>
        <dt>Year</dt>
        <dd>{dataset.year ?? 'not stated'}</dd>
      </dl>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Less' : 'More'}
      </button>{' '}
      <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => setImporting(true)}>
        Create a project from my copy
      </button>
      {importing && <CopyImportDialog dataset={dataset} onClose={() => setImporting(false)} />}
      {open && (
        <div className="more">
          <p>
            <strong>Annotations:</strong>{' '}
            {dataset.annotationTypes.map((a) => a.replace(/-/g, ' ')).join(', ')}
            {dataset.labels.length > 0 && <> — {dataset.labels.join(', ')}</>}
          </p>
          <p>
            <strong>Files:</strong> {dataset.fileFormats.join(', ')}
          </p>
          {dataset.notes && <p>{dataset.notes}</p>}
          <p>
            <strong>Cite:</strong> {dataset.citation}{' '}
            {dataset.doi && (
              <a href={`https://doi.org/${dataset.doi}`} target="_blank" rel="noreferrer">
                doi:{dataset.doi}
              </a>
            )}{' '}
            <button type="button" className="link-button" onClick={copyCitation}>
              {copied ? 'Copied' : 'Copy citation'}
            </button>
          </p>
          <p className="muted">
            Checked against:{' '}
            {dataset.sources.map((s, i) => (
              <span key={s.url}>
                {i > 0 && '; '}
                <a href={s.url} target="_blank" rel="noreferrer">
                  {new URL(s.url).hostname}
                </a>{' '}
                ({s.checked}: {s.facts})
              </span>
            ))}
          </p>
        </div>
      )}
    </article>
  );
}
