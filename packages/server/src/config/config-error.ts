/** One invalid setting: the variable or flag as the user wrote it, and what is wrong with its value. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** The configuration cannot be used. Lists every problem at once so that one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}
