// Text that tenants control (account and user names, key names) reaches the operator's terminal:
// control characters (C0, DEL, C1, which include ESC and CSI) and the bidirectional overrides
// would let it move the cursor, rewrite earlier lines or reorder what is shown. They are printed
// as visible escapes instead.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

// For a table or a sentence: `\u001b` shows as those six characters.
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

// JSON.stringify escapes C0 but leaves DEL, C1 and the overrides raw; the same escapes are valid
// JSON, so the parsed value is unchanged.
// (The only raw C0 characters in its output are its own line breaks.)
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNESCAPED_BY_JSON, escape);
}
