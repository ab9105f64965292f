import { formatBytes } from '../exports/export-progress.js';

/** The project the dialog created, once it exists: failures after this point must say so. */
export interface CreatedProject {
  readonly id: string;
  readonly name: string;
}

/** Where "Create and import" failed. */
export type FailedStep = 'create' | 'upload' | 'import';

/**
 * What the user reads when a step fails: what failed, why, and what exists now. After the project was
 * created nothing is undone behind the user's back, so the message says the project is there and what
 * it holds.
 */
export function failureNotice(step: FailedStep, reason: string, project: CreatedProject | null): string {
  if (step === 'create' || !project)
    return `The project could not be created: ${reason}. Nothing was created.`;
  if (step === 'upload')
    return `The project “${project.name}” was created, but uploading the files failed: ${reason}. Nothing was imported into it yet: retry the import into it, or open it and import later.`;
  return `The project “${project.name}” was created and the files were uploaded, but the import failed: ${reason}. Whatever was imported before the failure stays in the project (see the report below).`;
}

/** "1.20 MB of 4.00 MB (30 %)" while the files are sent. */
export function uploadProgressText(sent: number, total: number): string {
  const percent = total > 0 ? Math.floor((100 * Math.min(sent, total)) / total) : 100;
  return `${formatBytes(sent)} of ${formatBytes(total)} (${percent} %)`;
}

/** "12 of 40 files imported" while the job runs; before it knows its size, what it is doing. */
export function importProgressText(done: number, total: number | null): string {
  return total === null ? 'Waiting for the import to start…' : `${done} of ${total} items imported`;
}
