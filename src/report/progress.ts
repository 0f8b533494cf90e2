import type { Reporter } from "./reporter.js";

/**
 * A `(done, total)` callback for long counted work (fold models, rows scored) that reports the count
 * and, once something is done, the rate and the time left: "round 2: fold model 7/15, 12 s left".
 */
export function countProgress(reporter: Reporter, label: string, unit: string, now: () => number = () => performance.now()): (done: number, total: number) => void {
  const started = now();
  return (done, total) => {
    const seconds = (now() - started) / 1000;
    const left = done > 0 && done < total ? `, ${formatSeconds((seconds / done) * (total - done))} left` : "";
    reporter.step(`${label}: ${unit} ${done}/${total}${left}`);
  };
}

export function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
