import type { HeadWeights } from './model.js';
import { trainHead } from './train.js';
import { trainHeadExact } from './train-exact.js';
import type { HeadParams, VectorRows } from './types.js';

/** Fits the head with the optimizer its params name. */
export function fitHead(x: VectorRows, labels: Int32Array, numLabels: number, p: HeadParams): HeadWeights {
  if (p.optimizer === 'adam') return trainHead(x, labels, numLabels, p);
  if (p.dropout !== 0) throw new Error(`the L-BFGS head fits without dropout (got dropout ${p.dropout}); use the adam optimizer for dropout`);
  return trainHeadExact(x, labels, numLabels, p);
}

/** The fit settings as the model's description shows them. */
export function describeFit(p: Omit<HeadParams, 'seed'>): string {
  return p.optimizer === 'adam' ? `adam, dropout=${p.dropout}, l2=${p.l2}, epochs=${p.epochs}, lr=${p.learningRate}` : `l-bfgs, l2=${p.l2}`;
}
