/** The viewer's task keys, for the help overlay and the viewer's key handler. */
export type TaskAction = 'done-next' | 'previous';

export const taskShortcuts: readonly { readonly keys: readonly string[]; readonly description: string }[] = [
  { keys: ['Shift+Enter'], description: 'Mark this task done and open the next' },
  { keys: ['Shift+N'], description: 'Open the previous task (the one finished last)' },
];

export function taskActionFor(event: {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): TaskAction | undefined {
  if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.key === 'Enter') return 'done-next';
  if (event.key === 'N') return 'previous';
  return undefined;
}
