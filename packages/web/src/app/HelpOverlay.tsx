import { useEffect, useRef } from 'react';
import type { HelpSection } from './help-sections.js';
import { keyLabels } from './shortcut-registry.js';

/** The keyboard help (`?`): every shortcut by section, in a modal dialog that Escape closes. */
export function HelpOverlay(props: {
  readonly sections: readonly HelpSection[];
  readonly onClose: () => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus moves into the dialog so that a screen reader announces it and Tab stays near it.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="help-backdrop">
      <div
        ref={dialog}
        className="help-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          props.onClose();
        }}
      >
        <div className="heading-row">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" onClick={props.onClose} aria-label="Close">
            Esc
          </button>
        </div>
        <div className="help-sections">
          {props.sections.map((section) => (
            <section key={section.title}>
              <h3>{section.title}</h3>
              <dl>
                {section.entries.map((entry) => (
                  <div key={entry.description} className="help-entry">
                    <dt>
                      {entry.keys.map((alternative, i) => (
                        <span key={alternative}>
                          {i > 0 && <span className="muted"> or </span>}
                          {keyLabels(alternative).map((key, j) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sequence, where a key may repeat
                            <span key={j}>
                              {j > 0 && <span className="muted"> then </span>}
                              <kbd>{key}</kbd>
                            </span>
                          ))}
                        </span>
                      ))}
                    </dt>
                    <dd>{entry.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
