import { fitsLabelType } from '@voxelhub/core/annotation';
import type { ReactNode } from 'react';
import type { AnnotationEntry } from '../../annotations/annotation-entry.js';
import { box3dSlices } from '../../annotations/cornerstone/box3d-mapping.js';
import { describePayload } from '../../annotations/describe-payload.js';
import type { Label } from '../../api/api-types.js';
import type { AnnotationPlace } from './annotation-place.js';
import { DRAW_TOOLS, type DrawToolId } from './draw-tools.js';
import './annotate.css';

export interface AnnotationSidebarProps {
  readonly projectId: string;
  readonly labels: readonly Label[];
  readonly labelId: string | undefined;
  readonly onPickLabel: (labelId: string) => void;
  readonly tool: DrawToolId | null;
  readonly onPickTool: (tool: DrawToolId | null) => void;
  /** The annotations Cornerstone draws on this series (not deleted). */
  readonly entries: readonly AnnotationEntry[];
  readonly place: AnnotationPlace | null;
  readonly selected: readonly string[];
  readonly onSelect: (key: string) => void;
  readonly onDelete: (key: string) => void;
  readonly onBoxEnd: (key: string, end: 'first' | 'last') => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly readOnly: boolean;
  readonly problem: string | null;
  /** Said first, above the labels: the viewer shows one author's annotations only (AuthorFilterBanner). */
  readonly banner?: ReactNode;
  /** Panels for the other annotation kinds (labels, masks, frame ranges), placed after the drawn list. */
  readonly children?: ReactNode;
}

const STATUS_TEXT: Record<AnnotationEntry['status'], string> = {
  saved: 'saved',
  pending: 'not saved yet',
  saving: 'saving',
  unsaved: 'unsaved, retrying',
  conflict: 'conflict',
  rejected: 'refused by the server',
};

/**
 * The viewer's annotation side: the label schema (keys 1–9 pick), the drawing tools fitting the picked
 * label, and the annotations of this series, each selectable (it jumps to its slice) and deletable.
 */
export function AnnotationSidebar(props: AnnotationSidebarProps) {
  const label = props.labels.find((l) => l.id === props.labelId);
  return (
    <aside className="annotation-sidebar" aria-label="Annotations">
      {props.banner}
      <section>
        <h2>Labels</h2>
        {props.labels.length === 0 && <p className="muted">This project has no labels yet.</p>}
        <ol className="label-picker">
          {props.labels.map((l, n) => (
            <li key={l.id}>
              <button
                type="button"
                aria-pressed={l.id === props.labelId}
                onClick={() => props.onPickLabel(l.id)}
                title={l.guideline || l.name}
              >
                <span className="swatch" style={{ background: l.colour }} />
                <span className="name">{l.name}</span>
                <span className="muted type">{l.type}</span>
                {n < 9 && <kbd>{n + 1}</kbd>}
              </button>
            </li>
          ))}
        </ol>
        {label?.guideline && <p className="guideline">{label.guideline}</p>}
        {label?.examples && label.examples.length > 0 && (
          <div className="label-examples">
            {label.examples.map((example) => (
              <figure key={example.id}>
                <img
                  src={exampleUrl(props.projectId, label, example.id)}
                  alt={example.caption || `Example of ${label.name}`}
                />
                {example.caption && <figcaption>{example.caption}</figcaption>}
              </figure>
            ))}
          </div>
        )}
      </section>
      {!props.readOnly && (
        <section>
          <h2>Draw</h2>
          <div className="draw-tools" role="toolbar" aria-label="Drawing tools">
            {DRAW_TOOLS.map((tool) => {
              const fits = label ? fitsLabelType(tool.annotationType, label.type as never) : false;
              return (
                <button
                  key={tool.id}
                  type="button"
                  aria-pressed={props.tool === tool.id}
                  disabled={!fits}
                  data-tool={tool.id}
                  title={`${tool.title} (${tool.key})${fits ? '' : ' — pick a label of this kind first'}`}
                  onClick={() => props.onPickTool(props.tool === tool.id ? null : tool.id)}
                >
                  {tool.title.split(' (')[0]} <kbd>{tool.key}</kbd>
                </button>
              );
            })}
          </div>
          <div className="undo-redo">
            <button type="button" disabled={!props.canUndo} onClick={props.onUndo} title="Undo (Ctrl+Z)">
              Undo
            </button>
            <button
              type="button"
              disabled={!props.canRedo}
              onClick={props.onRedo}
              title="Redo (Ctrl+Shift+Z)"
            >
              Redo
            </button>
          </div>
        </section>
      )}
      {props.problem && (
        <p className="annotation-problem" role="alert">
          {props.problem}
        </p>
      )}
      <section>
        <h2>On this series ({props.entries.length})</h2>
        <ul className="annotation-list" data-testid="annotation-list">
          {props.entries.map((entry) => (
            <EntryRow key={entry.key} entry={entry} {...props} />
          ))}
        </ul>
      </section>
      {props.children}
    </aside>
  );
}

function EntryRow({ entry, ...props }: AnnotationSidebarProps & { readonly entry: AnnotationEntry }) {
  const { payload } = entry.content;
  const description = describePayload(payload, props.labels);
  const colour = props.labels.find((l) => l.id === entry.content.labelId)?.colour;
  const slice = props.place?.stackIndexOf(payload.imageRef);
  const box = payload.type === 'box3d' ? box3dSlices(payload) : undefined;
  return (
    <li
      className="annotation-row"
      data-selected={props.selected.includes(entry.key)}
      data-type={payload.type}
      data-status={entry.status}
    >
      <button type="button" className="select" onClick={() => props.onSelect(entry.key)}>
        <span className="swatch" style={{ background: colour }} />
        <span className="name">
          {description.label} · {description.type}
        </span>
        <span className="muted where">
          {box ? `slices ${box.first + 1}–${box.last + 1}` : slice !== undefined ? `#${slice + 1}` : ''}
        </span>
      </button>
      <span className="muted summary">{description.lines.find((l) => !/^(Slice|Frame)/.test(l)) ?? ''}</span>
      <span className={`status status-${entry.status}`} title={entry.error ?? STATUS_TEXT[entry.status]}>
        {STATUS_TEXT[entry.status]}
      </span>
      {!props.readOnly && (
        <span className="row-actions">
          {box && (
            <>
              <button
                type="button"
                onClick={() => props.onBoxEnd(entry.key, 'first')}
                title="First slice here (<)"
              >
                Start here
              </button>
              <button
                type="button"
                onClick={() => props.onBoxEnd(entry.key, 'last')}
                title="Last slice here (>)"
              >
                End here
              </button>
            </>
          )}
          <button
            type="button"
            onClick={() => props.onDelete(entry.key)}
            aria-label={`Delete ${description.label}`}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

function exampleUrl(projectId: string, label: Label, exampleId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/labels/${encodeURIComponent(label.id)}/examples/${encodeURIComponent(exampleId)}`;
}
