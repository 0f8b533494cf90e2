import { open, stat } from "node:fs/promises";
import { stateFile } from "./store.js";
import { chooseWorkdir, workdirNames } from "./workdir-name.js";

/** The default work dir of a manifest (see chooseWorkdir); reads at most two state files, writes nothing. */
export async function findWorkdir(manifest: string): Promise<string> {
  const names = workdirNames(manifest);
  const current = await stat(stateFile(names.current)).then(() => true, () => false);
  if (current) return names.current;
  return chooseWorkdir(manifest, { current, legacyManifest: await storedManifestPath(names.legacy) });
}

/** The manifest path a state was started for: `manifest.path` comes near the start, so a large state is not read whole. */
async function storedManifestPath(workdir: string): Promise<string | undefined> {
  let fh;
  try {
    fh = await open(stateFile(workdir), "r");
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const m = /"manifest":\{"path":("(?:[^"\\]|\\.)*")/.exec(buf.subarray(0, bytesRead).toString("utf8"));
    return m?.[1] ? (JSON.parse(m[1]) as string) : undefined;
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}
