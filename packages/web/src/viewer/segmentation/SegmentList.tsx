import type { Segment } from '@voxelhub/core/annotation';
import { useState } from 'react';

/** A label of the project's schema that a mask segment can stand for. */
export interface MaskLabel {
  readonly id: string;
  readonly name: string;
  /** `#rrggbb`; the segment's colour when it has one. */
  readonly colour?: string;
}

interface SegmentListProps {
  readonly segments: readonly Segment[];
  readonly active: number | undefined;
  /** Voxels per segment value; absent while being counted. */
  readonly counts: ReadonlyMap<number, number> | null;
  readonly labels: readonly MaskLabel[];
  readonly disabled: boolean;
  readonly onAdd: (label: MaskLabel) => void;
  readonly onActivate: (index: number) => void;
  readonly onChange: (index: number, change: Partial<Omit<Segment, 'index'>>) => void;
  readonly onRemove: (index: number) => void;
}

/** The mask's segments: colour, name, voxel count, which one the brush paints; add, lock and remove. */
export function SegmentList(props: SegmentListProps) {
  const { segments, active, counts, labels, disabled } = props;
  const [labelId, setLabelId] = useState(labels[0]?.id ?? '');
  const chosen = labels.find((l) => l.id === labelId) ?? labels[0];
  return (
    <section className="segment-list" aria-label="Segments">
      <h3>Segments</h3>
      {segments.length === 0 && <p className="muted">Add a segment to start painting.</p>}
      <ul>
        {segments.map((s) => (
          <li
            key={s.index}
            className={s.index === active ? 'active' : undefined}
            data-testid={`segment-${s.index}`}
          >
            <input
              type="radio"
              name="active-segment"
              aria-label={`Paint ${s.name}`}
              checked={s.index === active}
              onChange={() => props.onActivate(s.index)}
            />
            <input
              type="color"
              aria-label={`Colour of ${s.name}`}
              value={s.colour.toLowerCase()}
              disabled={disabled}
              onChange={(e) => props.onChange(s.index, { colour: e.target.value })}
            />
            <input
              // Keyed by the name, so that a name changed elsewhere (undo) replaces what the field shows.
              key={s.name}
              type="text"
              className="segment-name"
              aria-label={`Name of segment ${s.index}`}
              defaultValue={s.name}
              disabled={disabled}
              onBlur={(e) => {
                const name = e.target.value.trim();
                if (name && name !== s.name) props.onChange(s.index, { name });
              }}
            />
            <span className="segment-count" title="Voxels in this segment">
              {counts ? (counts.get(s.index) ?? 0).toLocaleString() : '…'}
            </span>
            <button
              type="button"
              className="tool-button"
              aria-pressed={s.locked}
              title={s.locked ? 'Unlock: let the tools change it' : 'Lock: the tools leave it alone'}
              disabled={disabled}
              onClick={() => props.onChange(s.index, { locked: !s.locked })}
            >
              {s.locked ? 'Locked' : 'Lock'}
            </button>
            <button
              type="button"
              className="tool-button"
              aria-label={`Remove ${s.name}`}
              title={`Remove ${s.name} and its voxels`}
              disabled={disabled}
              onClick={() => props.onRemove(s.index)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="segment-add">
        <select
          aria-label="Label of the new segment"
          value={chosen?.id ?? ''}
          onChange={(e) => setLabelId(e.target.value)}
        >
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="tool-button"
          disabled={disabled || !chosen}
          onClick={() => chosen && props.onAdd(chosen)}
        >
          Add segment
        </button>
      </div>
    </section>
  );
}
