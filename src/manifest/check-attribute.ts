import { UsageError } from "../errors.js";

/** Ground Truth's rule for label attribute names. */
export function checkLabelAttribute(attr: string): void {
  if (attr.length === 0) throw new UsageError("--label-attribute must not be empty");
  if (attr.includes("-metadata")) throw new UsageError(`--label-attribute "${attr}" must not contain "-metadata"`);
  if (attr.startsWith("$")) throw new UsageError(`--label-attribute "${attr}" must not start with "$"`);
}
