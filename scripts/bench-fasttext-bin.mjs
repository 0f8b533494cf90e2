// Runs the Debian `fasttext` binary (fastText 0.9.2), installing it with apt when possible.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Returns null when `fasttext` is usable, else the reason it is not. */
export function ensureFastTextBinary(log) {
  if (has('fasttext')) return null;
  if (!has('apt-get')) return 'fasttext is not installed and apt-get is unavailable';
  if (process.getuid?.() !== 0) return 'fasttext is not installed and installing it needs root (apt-get install -y fasttext)';
  log('fasttext not found; running apt-get install -y fasttext ...');
  let r = spawnSync('apt-get', ['install', '-y', 'fasttext'], { stdio: 'ignore' });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    r = spawnSync('apt-get', ['install', '-y', 'fasttext'], { stdio: 'ignore' });
  }
  return r.status === 0 && has('fasttext') ? null : 'apt-get install -y fasttext failed';
}

function timed(args, stdoutPath) {
  const fd = stdoutPath ? openSync(stdoutPath, 'w') : 'pipe';
  const t0 = performance.now();
  const r = spawnSync('fasttext', args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (typeof fd === 'number') closeSync(fd);
  if (r.status !== 0) throw new Error(`fasttext ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

/** `fasttext supervised` with our params; wall time includes writing model.bin, as for any user. */
export function trainBinary(trainFile, modelPrefix, p) {
  const args = ['supervised', '-input', trainFile, '-output', modelPrefix, '-epoch', p.epochs, '-lr', p.learningRate, '-dim', p.vectorDim,
    '-wordNgrams', p.wordNgrams, '-minCount', p.minCount, '-bucket', p.buckets, '-minn', p.minn, '-maxn', p.maxn, '-thread', p.threads, '-seed', p.seed, '-verbose', 0];
  return timed(args.map(String)).seconds;
}

/** Precision@1 from `fasttext test` (= accuracy for single-label data). */
export function testBinary(modelBin, testFile) {
  const m = /P@1\s+([\d.]+)/.exec(timed(['test', modelBin, testFile]).stdout);
  return m ? Number(m[1]) : NaN;
}

/** `fasttext predict-prob model test k` with stdout to a file, timed. */
export function predictBinary(modelBin, testFile, k, outPath) {
  return timed(['predict-prob', modelBin, testFile, String(k)], outPath).seconds;
}
