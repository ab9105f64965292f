import { hmacSha256, leadingBytesAsBigInt } from './hmac-sha256.js';
import { memoizedPerKey } from './keyed-memo.js';

// Shifts go back between 1 day and about 10 years; whole days, so times of day and intervals survive.
const MAX_SHIFT_DAYS = 3652;
const DAY_MS = 86_400_000;

/** One offset in days per subject, from the project key and the original Patient ID. */
export const subjectDayOffset: (key: Uint8Array, patientId: string) => number = memoizedPerKey(
  (key, patientId) => {
    const mac = hmacSha256(key, `date-shift:${patientId.trim()}`);
    return -(Number(leadingBytesAsBigInt(mac, 4) % BigInt(MAX_SHIFT_DAYS)) + 1);
  },
);

function shiftYyyymmdd(date: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!m) return undefined;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(time)) return undefined;
  const shifted = new Date(time + days * DAY_MS);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(shifted.getUTCFullYear(), 4)}${pad(shifted.getUTCMonth() + 1, 2)}${pad(shifted.getUTCDate(), 2)}`;
}

/** A DA value (or DA range) shifted; '' when it is not a full date, since it could not be shifted safely. */
export function shiftDate(value: string, days: number): string {
  const parts = value.trim().split('-');
  const shifted = parts.map((p) => (p === '' ? '' : shiftYyyymmdd(p, days)));
  return shifted.some((p) => p === undefined) ? '' : shifted.join('-');
}

/** A DT value with its date part shifted, time and offset kept; '' when it holds no full date. */
export function shiftDateTime(value: string, days: number): string {
  const trimmed = value.trim();
  const date = shiftYyyymmdd(trimmed.slice(0, 8), days);
  return date === undefined ? '' : date + trimmed.slice(8);
}
