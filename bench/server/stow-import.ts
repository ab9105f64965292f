import type { SuiteContext } from '../harness/suite.js';

/** Filled in once STOW-RS lands. */
export async function measureStowImport(context: SuiteContext): Promise<void> {
  context.log('  STOW-RS import: pending');
}
