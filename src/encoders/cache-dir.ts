import { join } from 'node:path';

/**
 * Where vectors are cached when `--cache-dir` is not given: AL_LABEL_CACHE_DIR, else the platform's
 * cache folder (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
 * Windows), under al-label/. Pure, so every platform's rule is testable anywhere.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.AL_LABEL_CACHE_DIR) return env.AL_LABEL_CACHE_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'al-label');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'al-label', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'al-label');
}

/** One folder per encoder: vectors of different encoders never mix. */
export function encoderCacheDir(cacheDir: string, contentHash: string): string {
  return join(cacheDir, 'vectors', contentHash);
}
