import { CONSENSUS_USER_ID } from '../storage/migrations/0010-quality.js';

/**
 * Accounts the server itself owns (migration 0010's consensus author). They can't sign in (disabled, no
 * password), are nobody's admin, and are left out wherever people are listed or counted: the first-start
 * check for an admin, the account list, adding members.
 */
export const SYSTEM_USER_IDS: readonly string[] = [CONSENSUS_USER_ID];
