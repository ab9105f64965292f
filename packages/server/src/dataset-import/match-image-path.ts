/**
 * Finds the staged file a label file names an image by ('train2017/0001.jpg', '0001.jpg', a CheXpert
 * 'CheXpert-v1.0-small/train/patient1/study1/view1_frontal.jpg'): the path itself, relative to the label
 * file's folder or to the top; else the one image whose path ends with it; else, when only one image has
 * that file name, that one. Undefined when none or several fit.
 */
export function imagePathMatcher(images: readonly string[]) {
  const all = new Set(images);
  const byBase = new Map<string, string[]>();
  for (const path of images) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    byBase.set(base, [...(byBase.get(base) ?? []), path]);
  }
  return (name: string, besideFile?: string): string | undefined => {
    const clean = name.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (clean === '') return undefined;
    const folder = besideFile?.includes('/') ? besideFile.slice(0, besideFile.lastIndexOf('/')) : '';
    for (const candidate of [folder ? `${folder}/${clean}` : clean, clean])
      if (all.has(candidate)) return candidate;
    const base = clean.slice(clean.lastIndexOf('/') + 1);
    const sameBase = byBase.get(base) ?? [];
    const ending = sameBase.filter((p) => p === clean || p.endsWith(`/${clean}`));
    if (ending.length === 1) return ending[0];
    return sameBase.length === 1 && clean === base ? sameBase[0] : undefined;
  };
}
