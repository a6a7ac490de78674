/** How an operator sees and types a trait value: strings as they are, anything else as JSON. */
export function traitToText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/**
 * Reads the operator's text back into a value. An edited string trait stays a string ("007" must
 * not turn into 7); otherwise text that parses as JSON is taken as JSON. `null` is never produced,
 * because in a PATCH it means "remove the trait", which has its own button.
 */
export function textToTrait(text: string, previous: unknown): unknown {
  if (typeof previous === 'string') return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed === null ? text : parsed;
  } catch {
    return text;
  }
}
