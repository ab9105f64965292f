import type { ConfidentialityOption } from './confidentiality-option.js';

/** An action of PS3.15 Table E.1-1 (E.1.1): D, Z, X, K, C, U and the combined ones. */
export type ProfileAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D' | 'X/Z/U*';

/** One row of Table E.1-1: the attribute, its Basic Profile action and the actions of the options that change it. */
export interface TableE11Row {
  /** 8 hex digits, upper case; 'x' stands for any hex digit; 'ggggeeee' is the private-attributes row. */
  readonly tag: string;
  readonly name: string;
  readonly basic: ProfileAction;
  readonly options?: Partial<Record<ConfidentialityOption, 'K' | 'C'>>;
}
