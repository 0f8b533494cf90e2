/**
 * Label names come from files and flags and end up in terminals, reports and other tools' inputs: a
 * name with a control character (ESC, BEL, C1 codes, line breaks) could rewrite a screen or pass for
 * another name (`ham` and `ham\e[0m` both show as `ham`). Such names are refused wherever labels enter.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /\p{Cc}/u;

export const hasControlChars = (name: string): boolean => CONTROL.test(name);

/** A name for a message: JSON-quoted, so its control characters show as escapes. */
export const quotedName = (name: string): string => JSON.stringify(name);

export function controlCharProblem(name: string): string | null {
  return hasControlChars(name) ? `label ${quotedName(name)} contains control characters; rename it (labels must be printable)` : null;
}

/**
 * Groups of labels that differ only in surrounding spaces or letter case (`ham`, `ham `, `Ham`):
 * allowed, as they are distinct names, but almost always a typo (pure).
 */
export function lookAlikeLabels(labels: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const l of labels) {
    const key = l.trim().normalize("NFC").toLocaleLowerCase("en-US");
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

export function lookAlikeWarnings(labels: readonly string[], where: string): string[] {
  return lookAlikeLabels(labels).map((g) => `${where}: labels ${g.map(quotedName).join(", ")} differ only in spaces or letter case; they are distinct labels (rename one if they are meant to be the same)`);
}
