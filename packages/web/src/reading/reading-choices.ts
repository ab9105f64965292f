import type { AssignmentStrategy, MaskConsensusMethod, ProjectSettings } from '../api/api-types.js';

/** One choice of a setting and what it does, in a line: radio buttons, or a select's options. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly name: string;
  readonly explanation: string;
}

export type ReadingMode = ProjectSettings['reading'];

export const READING_MODES: readonly Choice<ReadingMode>[] = [
  {
    value: 'blind',
    name: 'Blind',
    explanation: 'readers see only their own annotations, so each reading is independent',
  },
  {
    value: 'open',
    name: 'Open',
    explanation: 'readers see each other’s annotations (their agreement then says less)',
  },
];

// The wording follows the server's assign-readers.ts, which is what each strategy does.
export const ASSIGNMENT_STRATEGIES: readonly Choice<AssignmentStrategy>[] = [
  {
    value: 'round-robin',
    name: 'Round-robin',
    explanation: 'annotators are dealt items in turn, so each reads the same number of items (±1)',
  },
  {
    value: 'least-loaded',
    name: 'Least-loaded',
    explanation: 'each item goes to the annotators with the fewest open tasks, so faster readers get more',
  },
];

export const MASK_CONSENSUS_METHODS: readonly Choice<MaskConsensusMethod>[] = [
  {
    value: 'staple',
    name: 'STAPLE',
    explanation: 'weighs each reader by their estimated sensitivity and specificity (Warfield et al. 2004)',
  },
  {
    value: 'majority-vote',
    name: 'Majority vote',
    explanation: 'a voxel is in the consensus when more than half of the readers marked it',
  },
];

/** The choice whose value this is, when the text (a form field's value) is one of them. */
export function choiceOf<T extends string>(choices: readonly Choice<T>[], value: string): T | undefined {
  return choices.find((choice) => choice.value === value)?.value;
}
