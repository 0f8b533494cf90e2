import { basename, dirname, extname, join, resolve } from "node:path";

/**
 * A manifest's default work dir: `<file name>.al-label` beside it (`pp2.csv.al-label`), so that
 * `pp2.csv` and `pp2.jsonl` in one folder never share one. Work dirs made before this were named
 * after the stem (`pp2.al-label`); one of those is still used when its state names this manifest.
 */
export function workdirNames(manifest: string): { current: string; legacy: string } {
  const dir = dirname(manifest);
  return { current: join(dir, `${basename(manifest)}.al-label`), legacy: join(dir, `${basename(manifest, extname(manifest))}.al-label`) };
}

/**
 * Which default work dir a manifest uses (pure): the current name when it holds a state or neither
 * does; the legacy one when only it holds a state and that state was started for this manifest (the
 * same path, or the same file name in a folder that was moved).
 */
export function chooseWorkdir(manifest: string, found: { current: boolean; legacyManifest?: string }): string {
  const names = workdirNames(manifest);
  if (found.current || found.legacyManifest === undefined) return names.current;
  const stored = resolve(found.legacyManifest);
  return stored === resolve(manifest) || basename(stored) === basename(manifest) ? names.legacy : names.current;
}
