/**
 * The wall clock, pinned by SOURCE_DATE_EPOCH (seconds) when set, the reproducible-builds
 * convention: with it, the same input and seed give a byte-identical output manifest.
 */
export type Clock = () => Date;

export function systemClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.SOURCE_DATE_EPOCH;
  if (pinned !== undefined && /^\d+$/.test(pinned)) {
    const ms = Number(pinned) * 1000;
    return () => new Date(ms);
  }
  return () => new Date();
}

/** Ground Truth's creation-date: UTC, `YYYY-MM-DDTHH:MM:SS.ffffff`, no zone. */
export function groundTruthDate(d: Date): string {
  return `${d.toISOString().slice(0, 23)}000`;
}
