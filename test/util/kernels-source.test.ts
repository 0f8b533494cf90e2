import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';

/** Node's WebAssembly API (the project's type libraries do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;

/** A folder of .wat files: name -> text. */
function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'al-label-wat-'));
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('readKernelSource', () => {
  it('puts each included fragment in place of its #include line, paths relative to the including file, nested', async () => {
    const dir = files({
      'a/main.wat': '(module\n  ;; #include ../lib/two.wat\n  (func (export "three") (result i32) (i32.add (call $two) (i32.const 1))))\n',
      'lib/two.wat': '  ;; #include one.wat\n  (func $two (result i32) (i32.add (call $one) (call $one)))\n',
      'lib/one.wat': '  (func $one (result i32) (i32.const 1))\n',
    });
    const text = readKernelSource(join(dir, 'a/main.wat')) as string;
    expect(text).toBe('(module\n  (func $one (result i32) (i32.const 1))\n  (func $two (result i32) (i32.add (call $one) (call $one)))\n  (func (export "three") (result i32) (i32.add (call $two) (i32.const 1))))\n');
    const { instance } = await wasm.instantiate((await compileKernels(text)) as Buffer);
    expect((instance.exports.three as () => number)()).toBe(3);
  });

  it('leaves other comments alone and refuses a fragment that includes itself', () => {
    const dir = files({
      'plain.wat': '(module ;; #include is only a directive on a line of its own\n)\n',
      'loop.wat': ';; #include other.wat\n',
      'other.wat': ';; #include loop.wat\n',
    });
    expect(readKernelSource(join(dir, 'plain.wat'))).toBe('(module ;; #include is only a directive on a line of its own\n)\n');
    expect(() => readKernelSource(join(dir, 'loop.wat'))).toThrow(/includes itself/);
  });

  it('names a fragment that is missing', () => {
    const dir = files({ 'main.wat': '(module\n  ;; #include gone.wat\n)\n' });
    expect(() => readKernelSource(join(dir, 'main.wat'))).toThrow(/gone\.wat/);
  });
});
