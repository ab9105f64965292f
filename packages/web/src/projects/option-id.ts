/** The longest id made from a name, leaving room for a "-n" suffix within the server's 64. */
const MAX_SLUG = 56;

/**
 * A machine id for a classification option, made from its name ("Motion artefact" → "motion-artefact"):
 * lower-case ASCII letters and digits joined by "-", accents dropped; "option" when nothing is left;
 * "-2", "-3"… added until it is not in `taken`. Annotations store these ids, so they are made once,
 * when the option is first saved, and never follow later renames.
 */
export function optionIdFromName(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, MAX_SLUG)
      .replace(/-+$/, '') || 'option';
  let id = slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  return id;
}
