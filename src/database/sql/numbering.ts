import { boundedLru } from '../../bounded-lru';

export type Params = Record<string, unknown>;

// What may hold a `:word` that is not a parameter, matched first so the name never matches inside
// it: string literals ('…', E'…' with backslash escapes), quoted identifiers, comments, and the
// `::` of a cast. Dollar-quoted strings are not used by the application's statements.
const NAMED_PARAMETER =
  /(\b[eE]'(?:[^'\\]|\\.|'')*')|('(?:[^']|'')*')|("(?:[^"]|"")*")|(--[^\n]*)|(\/\*[\s\S]*?\*\/)|(::)|:([A-Za-z_][A-Za-z0-9_]*)/g;

export interface Numbered {
  text: string;
  names: string[];
}

// Request paths repeat a few dozen shapes.
const numberedTexts = boundedLru<string, Numbered>(1_000);

// Replaces named parameters (`:id`, as with TypeORM's builder) by $1, $2 ... in order of first
// appearance, so one query shape is one SQL text (and one prepared statement). A name that is not
// in `params` is left as it is.
export function numberParameters(sql: string, params: Params): { text: string; values: unknown[] } {
  const key = Object.keys(params).sort().join(',') + '\n' + sql;
  let numbered = numberedTexts.get(key);
  if (numbered === undefined) {
    numbered = numberText(sql, params);
    numberedTexts.set(key, numbered);
  }
  return { text: numbered.text, values: numbered.names.map((name) => params[name]) };
}

// The numbered text and the parameter names in $-order, for a caller that keeps them itself (a
// statement built once and run many times: its values are then `names.map((name) => params[name])`).
export function numberText(sql: string, params: Params): Numbered {
  const names: string[] = [];
  const text = sql.replace(NAMED_PARAMETER, (match: string, ...groups: Array<string | undefined>) => {
    const name = groups[6];
    if (name === undefined || !Object.prototype.hasOwnProperty.call(params, name)) return match;
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}
