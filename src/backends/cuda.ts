import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CudaProbe } from './types.js';

/**
 * Is an NVIDIA driver here? Linux exposes /proc/driver/nvidia/version once the kernel module is
 * loaded; elsewhere `nvidia-smi` on the PATH is the sign. Runs nothing, so it is safe and fast to
 * ask before importing tfjs-node-gpu (whose libtensorflow load takes seconds).
 */
export async function probeCuda(platform: NodeJS.Platform = process.platform, path = process.env.PATH ?? ''): Promise<CudaProbe> {
  try {
    const version = (await readFile('/proc/driver/nvidia/version', 'utf8')).split('\n')[0]?.trim() ?? '';
    return { present: true, detail: `NVIDIA driver: ${version}` };
  } catch {
    // not Linux, or no NVIDIA kernel module
  }
  const exe = platform === 'win32' ? 'nvidia-smi.exe' : 'nvidia-smi';
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, exe), constants.X_OK);
      return { present: true, detail: `${join(dir, exe)} found (no /proc/driver/nvidia)` };
    } catch {
      // keep looking
    }
  }
  return { present: false, detail: 'no NVIDIA driver: /proc/driver/nvidia/version is absent and nvidia-smi is not on the PATH' };
}
