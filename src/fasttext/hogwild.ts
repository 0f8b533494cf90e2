import { Worker } from 'node:worker_threads';
import { sgdKernel, type SgdJob, type SgdResult } from './sgd-kernel.js';

/** Data every worker keeps for the whole run; all arrays sit on SharedArrayBuffers. */
export type SharedTrainData = Pick<SgdJob, 'wIn' | 'wOut' | 'offsets' | 'ids' | 'labels' | 'order'>;
export type EpochShare = Omit<SgdJob, keyof SharedTrainData>;

/*
 * An eval'd CommonJS worker built from the kernel's own source: no separate worker file, so the
 * same code runs under vitest (TypeScript source, where a .ts worker path cannot be spawned) and
 * from compiled dist/. Arrays on SharedArrayBuffers are shared, not copied, through workerData.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sgdKernel = ${sgdKernel.toString()};
parentPort.on('message', (share) => parentPort.postMessage(sgdKernel({ ...workerData, ...share })));
`;

/**
 * Hogwild (lock-free) SGD: the main thread trains share 0 and `threads - 1` workers train the
 * others, all writing the same weight matrices without locks, as fastText's threads do.
 */
export class HogwildPool {
  private readonly workers: Worker[];

  constructor(
    private readonly data: SharedTrainData,
    threads: number,
  ) {
    this.workers = Array.from({ length: threads - 1 }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: data }));
  }

  /** Runs one epoch: shares[0] on this thread, shares[i] on worker i - 1. */
  async runEpoch(shares: EpochShare[]): Promise<SgdResult> {
    const pending = this.workers.map((w, i) => this.request(w, shares[i + 1]!));
    const total = sgdKernel({ ...this.data, ...shares[0]! });
    for (const r of await Promise.all(pending)) {
      total.loss += r.loss;
      total.examples += r.examples;
    }
    return total;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private request(worker: Worker, share: EpochShare): Promise<SgdResult> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      worker.once('error', onError);
      worker.once('message', (r: SgdResult) => {
        worker.off('error', onError);
        resolve(r);
      });
      worker.postMessage(share);
    });
  }
}
