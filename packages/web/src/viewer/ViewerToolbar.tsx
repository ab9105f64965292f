import type { ReactNode } from 'react';
import { type MouseMode, shortcutHint, type ViewerAction } from './viewer-shortcuts.js';
import type { PresetId, WindowPreset } from './window-level-presets.js';

interface ViewerToolbarProps {
  readonly presets: readonly WindowPreset[];
  readonly activePreset?: PresetId;
  readonly mouseMode: MouseMode;
  /** Undefined when the series can't be shown as a volume; else whether MPR is on. */
  readonly mpr?: boolean;
  /** Only the window presets and the MPR toggle apply in MPR; the stack's view tools are hidden. */
  readonly onAction: (action: ViewerAction) => void;
}

/** The preset bar and the view tools above the viewport; every button names its shortcut. */
export function ViewerToolbar({ presets, activePreset, mouseMode, mpr, onAction }: ViewerToolbarProps) {
  const button = (
    action: ViewerAction,
    label: ReactNode,
    title: string,
    pressed?: boolean,
    testId?: string,
  ) => (
    <button
      type="button"
      className="tool-button"
      title={`${title}${shortcutHint(action)}`}
      aria-pressed={pressed}
      data-testid={testId}
      // Keeps the keyboard focus in the viewer, so that Space plays the cine instead of pressing the button.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onAction(action)}
    >
      {label}
    </button>
  );
  const mode = (m: MouseMode, label: string, title: string) =>
    button({ kind: 'mouse-mode', mode: m }, label, title, mouseMode === m, `mode-${m}`);
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools">
      <div className="tool-group">
        {presets.map((preset) =>
          button(
            { kind: 'preset', preset: preset.id },
            preset.label,
            preset.window
              ? `${preset.label} window: W ${preset.window.width} / L ${preset.window.center}`
              : "The image's own window",
            activePreset === preset.id,
            `preset-${preset.id}`,
          ),
        )}
      </div>
      {!mpr && (
        <div className="tool-group">
          {mode('window-level', 'W/L', 'Left drag sets window/level')}
          {mode('zoom', 'Zoom', 'Left drag zooms')}
          {mode('pan', 'Pan', 'Left drag pans')}
          {button({ kind: 'zoom', factor: 1.25 }, '+', 'Zoom in')}
          {button({ kind: 'zoom', factor: 0.8 }, '−', 'Zoom out')}
          {button({ kind: 'rotate', degrees: 90 }, '↻ 90°', 'Rotate 90° clockwise', undefined, 'rotate')}
          {button(
            { kind: 'flip', axis: 'horizontal' },
            '⇆',
            'Flip horizontally',
            undefined,
            'flip-horizontal',
          )}
          {button({ kind: 'flip', axis: 'vertical' }, '⇅', 'Flip vertically', undefined, 'flip-vertical')}
          {button({ kind: 'invert' }, 'Invert', 'Invert greys', undefined, 'invert')}
          {button({ kind: 'reset' }, 'Reset', 'Reset the view', undefined, 'reset')}
        </div>
      )}
      {mpr !== undefined && (
        <div className="tool-group">
          {button(
            { kind: 'toggle-mpr' },
            'MPR',
            'Axial, sagittal and coronal views with crosshairs',
            mpr,
            'toggle-mpr',
          )}
        </div>
      )}
    </div>
  );
}
