/** Deepest nesting of objects and arrays Tailor accepts in an event's properties, traits or context. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Does JSON text nest objects and arrays more than `max` levels deep (`{}` is one level,
 * `{"a":[1]}` two)? Brackets inside strings do not count. A scan of the text rather than a walk
 * of the parsed value: it needs no recursion, and text too short to reach the limit (each level
 * takes two characters) is answered without reading it.
 *
 * Assumes well-formed JSON, such as the output of JSON.stringify.
 */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  if (text.length <= 2 * max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

/**
 * Does a parsed JSON value nest objects and arrays more than `max` levels deep? Walks with its
 * own stack and stops at the first branch past `max`, so a hostile value (a request body of
 * 100,000 nested arrays) is answered before any recursive validator overflows on it.
 */
export function valueNestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
