import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { acquireLock, lockFile } from "../../src/state/lock.js";
import { LockedError } from "../../src/errors.js";
import { processStart } from "../../src/util/process-alive.js";
import { snapshotDir } from "../helpers/dir-snapshot.js";
import { tempDir } from "../helpers/temp-dir.js";

const temp = (): Promise<string> => tempDir("al-label-lock-");
/** Above the largest pid_max Linux allows (2^22): never a live process. */
const DEAD_PID = 2 ** 22 + 4321;
const ROOT = resolve(import.meta.dirname, "../..");
const BUILT = existsSync(join(ROOT, "dist/cli/main.js"));

describe("the work-dir lock", () => {
  it("refuses a second holder while the first lives, naming its pid (exit 75)", async () => {
    const dir = await temp();
    const first = await acquireLock(dir);
    const err = await acquireLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).exitCode).toBe(75);
    expect((err as LockedError).message).toMatch(new RegExp(`Another al-label run \\(pid ${process.pid}, since .*\\) is using ${dir}\\. Wait for it to finish, or use another --workdir\\.`));
    await first.release();
    const again = await acquireLock(dir);
    await again.release();
    expect(await readdir(dir)).toEqual([]);
  });
  it("takes over a stale lock whose process is gone", async () => {
    const dir = await temp();
    await writeFile(lockFile(dir), JSON.stringify({ pid: DEAD_PID, host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(await readFile(lockFile(dir), "utf8")).pid).toBe(process.pid);
    await lock.release();
  });
  it("takes over a lock whose pid now belongs to another process (pid reuse after a kill -9)", async () => {
    const dir = await temp();
    const start = processStart(process.pid);
    if (start === null) return; // no /proc here: the pid alone is all there is to go on
    await writeFile(lockFile(dir), JSON.stringify({ pid: process.pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", start: start + 1 }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(await readFile(lockFile(dir), "utf8")).start).toBe(start);
    await lock.release();
  });
  it("takes over a damaged lock file", async () => {
    const dir = await temp();
    await writeFile(lockFile(dir), '{"pid": 12');
    const lock = await acquireLock(dir);
    await lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });
  it("refuses a lock held from another host, saying how to clear it", async () => {
    const dir = await temp();
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00.000Z" }));
    const err = await acquireLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).message).toMatch(/locked by a run on host elsewhere\.example \(pid 1, .*\)\. If that run is gone, delete .*lock/);
  });
  it("release leaves a lock that is no longer its own", async () => {
    const dir = await temp();
    const lock = await acquireLock(dir);
    const other = JSON.stringify({ pid: 1, host: hostname(), since: "x" });
    await writeFile(lockFile(dir), other);
    await lock.release();
    expect(await readFile(lockFile(dir), "utf8")).toBe(other);
  });
});

describe.skipIf(!BUILT)("two processes on one work dir (needs the build: npx tsc)", () => {
  it("a run refuses (exit 75) while another process holds the lock, changing nothing; once that process is killed, a run takes the stale lock over", async () => {
    const dir = await temp();
    const manifest = join(dir, "m.jsonl");
    const rows = [0, 1, 2].flatMap((i) => [JSON.stringify({ source: `team wins ${i}`, category: "sports" }), JSON.stringify({ source: `senate votes ${i}`, category: "politics" })]);
    await writeFile(manifest, `${rows.join("\n")}\n`);
    const workdir = join(dir, "m.jsonl.al-label");
    await mkdir(workdir);
    // a real second process holds the lock, as a running `al-label run` would
    const lockModule = pathToFileURL(join(ROOT, "dist/state/lock.js")).href;
    const holder = spawn(process.execPath, ["--input-type=module", "-e", `const { acquireLock } = await import(${JSON.stringify(lockModule)}); await acquireLock(${JSON.stringify(workdir)}); console.log("held"); setInterval(() => {}, 60000);`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((done) => holder.stdout.once("data", () => done()));
    const before = await snapshotDir(dir);
    const bin = join(ROOT, "bin/al-label.js");
    const refused = spawnSync(process.execPath, [bin, "run", manifest], { encoding: "utf8" });
    expect(refused.status).toBe(75);
    expect(refused.stderr).toContain(`Another al-label run (pid ${holder.pid}`);
    expect(refused.stderr).toContain("Wait for it to finish, or use another --workdir");
    expect(await snapshotDir(dir)).toEqual(before);

    holder.kill("SIGKILL");
    await new Promise((done) => holder.once("exit", done));
    expect(existsSync(lockFile(workdir))).toBe(true); // a kill -9 leaves the lock behind
    const took = spawnSync(process.execPath, [bin, "run", manifest], { encoding: "utf8" });
    expect(took.stderr).toBe("");
    expect(took.status).toBe(0);
    expect(existsSync(lockFile(workdir))).toBe(false);
    expect(existsSync(join(workdir, "output.jsonl"))).toBe(true);
  });
});
