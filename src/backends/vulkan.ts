import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { VulkanProbe } from './types.js';

const LOADER = 'libvulkan.so.1';
/** Where Debian, Ubuntu, Fedora and Arch put the loader; LD_LIBRARY_PATH's folders are tried first. */
const LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib64', '/lib', '/usr/local/lib'];

/**
 * Is the Vulkan loader that Dawn opens on Linux here? Looks for libvulkan.so.1 in the library
 * folders, then asks `ldconfig -p` (bounded to 2 s). Loads nothing, so Dawn's own warning
 * ("Couldn't load Vulkan") never reaches the user's terminal. macOS and Windows need no loader
 * (Dawn uses Metal or D3D12 there).
 */
export async function probeVulkan(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<VulkanProbe> {
  if (platform !== 'linux') return { present: true, detail: `no Vulkan loader needed on ${platform} (Dawn uses ${platform === 'darwin' ? 'Metal' : 'D3D12'})` };
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean), ...LIB_DIRS];
  for (const dir of dirs) {
    try {
      await access(join(dir, LOADER));
      return { present: true, detail: `${join(dir, LOADER)}${driverFiles(env)}` };
    } catch {
      // keep looking
    }
  }
  const cache = await ldconfigLists(LOADER);
  if (cache) return { present: true, detail: `${cache} (ldconfig)${driverFiles(env)}` };
  return { present: false, detail: `no Vulkan loader: ${LOADER} not found (install it: apt-get install libvulkan1, or your distribution's vulkan-loader)` };
}

function driverFiles(env: NodeJS.ProcessEnv): string {
  const icd = env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES;
  return icd ? `; VK_DRIVER_FILES=${icd}` : '';
}

/** The path `ldconfig -p` lists for a library, or null (no ldconfig, not listed, or slower than 2 s). */
function ldconfigLists(lib: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('/sbin/ldconfig', ['-p'], { timeout: 2000, maxBuffer: 1 << 22 }, (err, stdout) => {
      if (err) return resolve(null);
      const line = stdout.split('\n').find((l) => l.trim().startsWith(`${lib} `));
      resolve(line ? (line.split('=>')[1]?.trim() ?? lib) : null);
    });
  });
}
