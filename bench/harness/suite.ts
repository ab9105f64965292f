/** What every suite gets from the runner. */
export interface SuiteContext {
  /** The repository root (absolute). */
  readonly repoRoot: string;
  /** bench/out (gitignored): generated data, scratch output and result files. */
  readonly outDir: string;
  /** Overrides each measure's own number of timed runs (from `--runs N`). */
  readonly runs?: number;
  /** `--profile`: also profile our side with `node --cpu-prof` and print where the time goes. */
  readonly profile: boolean;
  readonly log: (line: string) => void;
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  run(context: SuiteContext): Promise<void>;
}
