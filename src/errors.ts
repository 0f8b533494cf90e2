/**
 * Typed errors that carry the process exit code. Messages are written for the user:
 * they give the numbers involved and the next step. Only cli/main.ts turns them into an exit.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  waitingForHumans: 3,
  stopped: 4,
  dataError: 65,
  ioError: 74,
  locked: 75,
} as const;

export class AlLabelError extends Error {
  readonly exitCode: number;
  readonly code: string;
  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends AlLabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, EXIT.usage, options);
  }
}

export interface DataIssue {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

/** Bad input data: every issue found is reported together (exit 65). */
export class DataError extends AlLabelError {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[], summary?: string) {
    const shown = issues.slice(0, 20).map(formatIssue);
    const more = issues.length > 20 ? [`... and ${issues.length - 20} more`] : [];
    super("data", [summary ?? `${issues.length} problem(s) in the input`, ...shown, ...more].join("\n  "), EXIT.dataError);
    this.issues = issues;
  }
}

export function formatIssue(issue: DataIssue): string {
  const where = [issue.file, issue.line !== undefined ? `line ${issue.line}` : undefined, issue.field ? `field "${issue.field}"` : undefined]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${issue.message}`;
}

/** Reading or writing a file failed; the previous state is left as it was (exit 74). */
export class IoError extends AlLabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("io", message, EXIT.ioError, options);
  }
}

/** Another run holds the work dir (exit 75). */
export class LockedError extends AlLabelError {
  constructor(message: string) {
    super("locked", message, EXIT.locked);
  }
}

/** A requested engine or backend cannot be used here (exit 2: the user asked for it). */
export class BackendUnavailableError extends AlLabelError {
  constructor(message: string) {
    super("backend-unavailable", message, EXIT.usage);
  }
}

/** A bug: the message asks to report it. */
export class InternalError extends AlLabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("internal", `${message}\nThis is a bug in al-label; please report it with the command you ran.`, EXIT.internal, options);
  }
}
