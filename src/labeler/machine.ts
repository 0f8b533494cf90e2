/**
 * The terminal labeler's pure core: a key goes in, the new state and the effects to carry out come
 * out. The terminal side (terminal.ts) saves each effect before it shows the next task, so what the
 * screen shows as answered is always on disk.
 */
export interface LabelerTask {
  taskId: string;
  rowId: number;
  reason: string;
  text: string;
  /** class index and confidence, when the model made a suggestion */
  suggestion: { label: number; confidence: number } | null;
  /** why an earlier answer to this task was not taken, from the queue file */
  note?: string;
}

export interface Given {
  taskId: string;
  position: number;
  /** class index, or null for a skip */
  label: number | null;
}

export interface LabelerState {
  tasks: readonly LabelerTask[];
  labels: readonly string[];
  /** the task on screen; tasks.length once every task has an answer */
  position: number;
  /** answers given in this session, oldest first (undo pops the last) */
  given: readonly Given[];
  /** digits typed so far when there are more than 9 labels */
  digits: string;
  message: string | null;
  finished: boolean;
  /** tasks of this queue answered before the session began, for the progress line */
  answeredBefore: number;
}

export interface Key {
  /** the character typed, if any */
  sequence?: string;
  /** node:readline's key name: "return", "backspace", "escape", "c", ... */
  name?: string;
  ctrl?: boolean;
}

export type Effect = { kind: "answer"; task: LabelerTask; label: number | null } | { kind: "undo"; task: LabelerTask; label: number | null } | { kind: "quit" };

export interface Step {
  state: LabelerState;
  effects: Effect[];
}

export function initialState(tasks: readonly LabelerTask[], labels: readonly string[], answeredBefore = 0): LabelerState {
  return { tasks, labels, position: 0, given: [], digits: "", message: null, finished: tasks.length === 0, answeredBefore };
}

export const current = (s: LabelerState): LabelerTask | undefined => s.tasks[s.position];

export const keysHelp = (s: LabelerState): string =>
  `${s.labels.length > 9 ? `type 1-${s.labels.length} (Enter ends a number)` : `1-${s.labels.length} label`} · Enter accept suggestion · s skip · u undo · q save & quit`;

/** One key press. Never throws: a key that means nothing here leaves a message. */
export function press(s: LabelerState, key: Key): Step {
  if (s.finished) return { state: s, effects: [] };
  const same = (message: string | null): Step => ({ state: { ...s, message }, effects: [] });
  if ((key.ctrl && (key.name === "c" || key.name === "d")) || (!key.ctrl && (key.sequence === "q" || key.sequence === "Q" || key.name === "escape"))) {
    return { state: { ...s, digits: "", finished: true, message: "saved; bye" }, effects: [{ kind: "quit" }] };
  }
  if (key.sequence === "u" || key.sequence === "U") return undo(s);
  const task = current(s);
  if (!task) return same(null);
  if (key.sequence !== undefined && /^[0-9]$/.test(key.sequence)) return digit(s, task, key.sequence);
  if (key.name === "backspace") return { state: { ...s, digits: s.digits.slice(0, -1), message: null }, effects: [] };
  if (key.name === "return" || key.name === "enter") {
    if (s.digits) return pick(s, task, Number(s.digits));
    if (!task.suggestion) return same("this task has no suggestion: press the label's number");
    return answer(s, task, task.suggestion.label);
  }
  if (key.sequence === "s" || key.sequence === "S") return answer(s, task, null);
  return same(`keys: ${keysHelp(s)}`);
}

/** With up to 9 labels a digit answers at once; with more, digits add up until no longer number can follow. */
function digit(s: LabelerState, task: LabelerTask, d: string): Step {
  const typed = `${s.digits}${d}`;
  const n = Number(typed);
  if (s.labels.length <= 9 || n * 10 > s.labels.length) return pick({ ...s, digits: "" }, task, n);
  return { state: { ...s, digits: typed, message: `label ${n}? another digit, or Enter` }, effects: [] };
}

function pick(s: LabelerState, task: LabelerTask, n: number): Step {
  if (!Number.isInteger(n) || n < 1 || n > s.labels.length) return { state: { ...s, digits: "", message: `there is no label ${n}: press 1-${s.labels.length}` }, effects: [] };
  return answer({ ...s, digits: "" }, task, n - 1);
}

function answer(s: LabelerState, task: LabelerTask, label: number | null): Step {
  const given = [...s.given, { taskId: task.taskId, position: s.position, label }];
  const position = nextOpen(s.tasks.length, given);
  const finished = position >= s.tasks.length;
  const what = label === null ? `skipped ${task.taskId}` : `${task.taskId}: ${s.labels[label] ?? label}`;
  return {
    state: { ...s, given, position, digits: "", finished, message: finished ? `all ${s.tasks.length} task(s) answered; saved` : what },
    effects: [{ kind: "answer", task, label }],
  };
}

function undo(s: LabelerState): Step {
  const last = s.given[s.given.length - 1];
  const task = last ? s.tasks[last.position] : undefined;
  if (!last || !task) return { state: { ...s, digits: "", message: "nothing to undo in this session" }, effects: [] };
  return {
    state: { ...s, given: s.given.slice(0, -1), position: last.position, digits: "", message: `undid ${task.taskId}` },
    effects: [{ kind: "undo", task, label: last.label }],
  };
}

/** The first task without an answer in this session: after an undo and a new answer, go on from there. */
function nextOpen(count: number, given: readonly Given[]): number {
  const done = new Set(given.map((g) => g.position));
  let i = 0;
  while (i < count && done.has(i)) i++;
  return i;
}

/** Answers per minute in this session; null until there is something to divide. */
export function ratePerMinute(answers: number, elapsedMs: number): number | null {
  return answers > 0 && elapsedMs > 0 ? (answers * 60_000) / elapsedMs : null;
}
