import { readFile, realpath } from "node:fs/promises";
import { resolve, relative, isAbsolute, sep } from "node:path";

/**
 * Reads the text a `source-ref` points at. The path is taken relative to the manifest's folder, and a
 * file outside that folder (after resolving links) is refused unless the user allowed it: a manifest
 * is untrusted input and must not make the tool read arbitrary files.
 */
export async function readSourceRef(ref: string, manifestDir: string, allowOutside: boolean): Promise<{ text: string } | { error: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !ref.startsWith("file://")) {
    return { error: `source-ref "${ref}" is a remote URL; only local files can be read` };
  }
  const path = ref.startsWith("file://") ? new URL(ref).pathname : ref;
  const full = resolve(manifestDir, path);
  let real: string;
  try {
    real = await realpath(full);
  } catch (err) {
    return { error: `source-ref file not found: ${ref} (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (!allowOutside) {
    const base = await realpath(manifestDir);
    const rel = relative(base, real);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) {
      return { error: `source-ref "${ref}" is outside the manifest's folder; pass --allow-source-ref-outside to read it` };
    }
  }
  try {
    return { text: await readFile(real, "utf8") };
  } catch (err) {
    return { error: `cannot read source-ref ${ref} (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
}
