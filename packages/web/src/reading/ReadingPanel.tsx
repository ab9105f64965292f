import type { Project, Study } from '../api/api-types.js';
import type { Member } from '../projects/member-types.js';
import { ReadingSettingsForm } from './ReadingSettingsForm.js';
import { SendToReadersForm } from './SendToReadersForm.js';
import './reading.css';

/**
 * Multi-reader work on the project page, for owners and managers: how items are read, and sending images
 * or series to readers. Agreement and review are on the quality dashboard (src/quality/).
 */
export function ReadingPanel(props: {
  readonly project: Project;
  readonly studies: readonly Study[];
  /** null while the members load. */
  readonly members: readonly Member[] | null;
  readonly onSettingsSaved: (project: Project) => void;
  readonly onItemsSent: () => void;
}) {
  const { project } = props;
  return (
    <section aria-labelledby="reading-title">
      <h2 id="reading-title">Reading</h2>
      <ReadingSettingsForm project={project} onSaved={props.onSettingsSaved} />
      <SendToReadersForm
        projectId={project.id}
        studies={props.studies}
        readersPerItem={project.settings.readersPerItem}
        assignment={project.settings.assignment}
        members={props.members}
        onSent={props.onItemsSent}
      />
    </section>
  );
}
