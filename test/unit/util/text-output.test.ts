import { describe, expect, it } from "vitest";
import { escapeJsonControls, jsonText, plainText } from "../../../src/util/text-output.js";

const EVIL = "ham\u001b#8\u001b]0;pwned\u0007\u009b2J\u007f";
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("the shared text-output functions (issue 18, item 5)", () => {
  it("plainText keeps newlines and tabs", () => {
    expect(plainText("a\tb\nc\u001b[31m\u0085")).toBe("a\tb\nc");
  });

  it("JSON outputs keep data as data, with DEL and C1 escaped as well", () => {
    expect(jsonText({ l: EVIL })).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(jsonText({ l: EVIL }))).toEqual({ l: EVIL });
    expect(escapeJsonControls('{"a":"\u009b"}')).toBe('{"a":"\\u009b"}');
  });
});
