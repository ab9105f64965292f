import { hmacSha256 } from './hmac-sha256.js';
import { memoizedPerKey } from './keyed-memo.js';

// Crockford's base32: no I, L, O or U, so a pseudonym read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PSEUDONYM_CHARS = 10; // 50 bits: a collision needs about 33 million subjects in one project.

/**
 * The project pseudonym of a subject, from the project key and the original Patient ID (or, when a file
 * has none, the study it belongs to). Derived rather than drawn: every machine holding the project key
 * gives a subject the same pseudonym, so a subject imported twice, or de-identified by the CLI and the
 * server, stays one subject. Without the key the pseudonym reveals nothing of the original.
 */
export async function subjectPseudonym(key: Uint8Array, patientId: string, studyUid = ''): Promise<string> {
  return subjectPseudonymSync(key, patientId, studyUid);
}

/** subjectPseudonym without the promise, for callers that de-identify synchronously. */
export function subjectPseudonymSync(key: Uint8Array, patientId: string, studyUid = ''): string {
  const id = patientId.replace(/[\0 ]+$/, '').trim();
  const subject = id ? `patient:${id}` : `study-without-patient-id:${studyUid.replace(/[\0 ]+$/, '')}`;
  return pseudonymOf(key, subject);
}

const pseudonymOf = memoizedPerKey((key, subject) => {
  const mac = hmacSha256(key, `pseudonym:${subject}`);
  let bits = 0n;
  for (const byte of mac.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let i = 0; i < PSEUDONYM_CHARS; i++) text += ALPHABET[Number((bits >> BigInt(59 - 5 * i)) & 31n)];
  return `VXH-${text}`;
});

/** An original subject identity and the pseudonym that replaced it. */
export interface SubjectMapping {
  readonly pseudonym: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly issuerOfPatientId: string;
}
