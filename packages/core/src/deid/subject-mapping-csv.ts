import type { SubjectMapping } from './subject-pseudonym.js';

const COLUMNS = ['pseudonym', 'patientId', 'patientName', 'issuerOfPatientId'] as const;

/**
 * RFC 4180 CSV of the mapping. A value starting with =, +, - or @ is prefixed with a quote mark, so that
 * a spreadsheet opening the file shows a patient name rather than running it as a formula.
 */
export function subjectMappingCsv(subjects: readonly SubjectMapping[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [COLUMNS.join(','), ...subjects.map((s) => COLUMNS.map((c) => cell(s[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
