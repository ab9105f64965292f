import { type DragEvent, useId, useState } from 'react';
import { droppedEntriesOf, filesOfDroppedEntries } from './dropped-folder.js';
import { type FolderFile, folderFilesOf } from './folder-files.js';

/**
 * Choosing the folder of a downloaded dataset: a folder picker (`webkitdirectory`), or a folder dropped
 * onto the box. Either gives each file with its path inside the folder.
 */
export function FolderChooser(props: {
  readonly chosen: boolean;
  readonly disabled: boolean;
  readonly onChoose: (files: FolderFile[]) => void;
}) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (props.disabled) return;
    const entries = droppedEntriesOf(event.dataTransfer);
    try {
      const files = entries.length > 0 ? await filesOfDroppedEntries(entries) : [];
      if (files.length === 0)
        setDropError('Drop a folder (or use the button): nothing readable was dropped.');
      else {
        setDropError(null);
        props.onChoose(files);
      }
    } catch (error) {
      setDropError(`The dropped folder could not be read: ${String(error)}`);
    }
  }

  return (
    // Dropping is a shortcut for the mouse; the folder input inside is the keyboard's and screen reader's way.
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target, not a control.
    <div
      className={`folder-drop${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => void onDrop(event)}
    >
      <label htmlFor={inputId}>{props.chosen ? 'Pick another folder' : 'Folder of your copy'}</label>{' '}
      <input
        id={inputId}
        type="file"
        multiple
        disabled={props.disabled}
        // React has no prop for these; the attributes make the picker choose a whole folder.
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files && files.length > 0) props.onChoose(folderFilesOf(files));
        }}
      />
      <span className="muted"> or drop the folder here</span>
      {dropError && (
        <p className="error" role="alert">
          {dropError}
        </p>
      )}
    </div>
  );
}
