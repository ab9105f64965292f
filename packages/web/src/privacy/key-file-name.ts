/**
 * The file name the project key downloads as: `<project>-deid.key`, the project name reduced to
 * letters, digits, dots, dashes and underscores so that every file system and shell takes it unquoted.
 */
export function deidKeyFileName(projectName: string): string {
  const stem = projectName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `${stem || 'project'}-deid.key`;
}
