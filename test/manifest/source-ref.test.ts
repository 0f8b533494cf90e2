import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdir, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { outsideFolder, outsideMessage, readSourceRef } from "../../src/manifest/source-ref.js";
import { tempDir } from "../helpers/temp-dir.js";

const inside = { allowOutside: false, maxBytes: 10_000_000 };

/** A folder holding the manifest's folder `m/` and a file beside it, outside. */
async function layout(): Promise<{ root: string; dir: string }> {
  const root = await tempDir("al-label-ref-");
  const dir = join(root, "m");
  await mkdir(dir);
  await writeFile(join(root, "secret.txt"), "outside text");
  await writeFile(join(dir, "a.txt"), "inside text");
  return { root, dir };
}

describe("source-ref reads only regular files, of bounded size, inside the folder (issue 18, item 7)", () => {
  it("reads a regular file inside the folder", async () => {
    const { dir } = await layout();
    expect(await readSourceRef("a.txt", dir, inside)).toEqual({ text: "inside text" });
  });

  it("one message for every path outside the folder, existing or not: no oracle", async () => {
    const { root, dir } = await layout();
    for (const ref of ["../secret.txt", "../missing.txt", join(root, "secret.txt"), join(root, "nope", "x.txt"), "/etc/passwd", "/no/such/file", "file:///etc/passwd", "."]) {
      expect(await readSourceRef(ref, dir, inside)).toEqual({ error: outsideMessage(ref) });
    }
  });

  it("a link inside the folder that leads outside gets the same message, whether its target exists or not", async () => {
    const { root, dir } = await layout();
    await symlink(join(root, "secret.txt"), join(dir, "to-secret"));
    await symlink(join(root, "missing.txt"), join(dir, "to-missing"));
    expect(await readSourceRef("to-secret", dir, inside)).toEqual({ error: outsideMessage("to-secret") });
    expect(await readSourceRef("to-missing", dir, inside)).toEqual({ error: outsideMessage("to-missing") });
  });

  it("outside the folder is decided on the path alone (pure)", () => {
    expect(outsideFolder("/a/m", "/a/m/x.txt")).toBe(false);
    expect(outsideFolder("/a/m", "/a/m")).toBe(true);
    expect(outsideFolder("/a/m", "/a/secret")).toBe(true);
    expect(outsideFolder("/a/m", "/a/m2/x")).toBe(true);
    expect(outsideFolder("/a/m", "/a/m/..x/y")).toBe(false);
  });

  it("a FIFO is refused at once, not waited on", async () => {
    const { dir } = await layout();
    const made = spawnSync("mkfifo", [join(dir, "pipe")]);
    if (made.status !== 0) return; // no mkfifo here
    const started = Date.now();
    expect(await readSourceRef("pipe", dir, inside)).toEqual({ error: 'source-ref "pipe" is a FIFO; only regular files are read' });
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);

  it("a folder, and a device (where allowed outside), are refused", async () => {
    const { dir } = await layout();
    await mkdir(join(dir, "sub"));
    expect(await readSourceRef("sub", dir, inside)).toEqual({ error: 'source-ref "sub" is a folder; only regular files are read' });
    expect(await readSourceRef("/dev/zero", dir, { allowOutside: true, maxBytes: 100 })).toEqual({ error: 'source-ref "/dev/zero" is a device; only regular files are read' });
  });

  it("a file above the limit is refused from its size, without reading it; a flag raises the limit", async () => {
    const { dir } = await layout();
    const big = join(dir, "big.txt");
    await writeFile(big, "");
    await truncate(big, 2_000_000_000); // sparse: 2 GB that would take long to read
    const started = Date.now();
    const got = await readSourceRef("big.txt", dir, inside);
    expect(got).toEqual({ error: expect.stringMatching(/is 2,000,000,000 bytes or more, above the limit of 10,000,000; pass --max-source-bytes/) });
    expect(Date.now() - started).toBeLessThan(2000);
    await writeFile(join(dir, "mid.txt"), "x".repeat(2000));
    expect(await readSourceRef("mid.txt", dir, { allowOutside: false, maxBytes: 1000 })).toMatchObject({ error: expect.stringMatching(/above the limit of 1,000/) });
    expect(await readSourceRef("mid.txt", dir, { allowOutside: false, maxBytes: 2000 })).toEqual({ text: "x".repeat(2000) });
  });

});
