/**
 * Stable React keys for the items of a definition. The tree is edited immutably, so an edited
 * condition is a new object; `carryKey` hands the old object's key to the new one, so a row keeps
 * its identity (and the focus of the field being typed in) while siblings are added or removed.
 * Keys live beside the tree rather than in it because the server refuses unknown fields.
 */
const keys = new WeakMap<object, string>();
let counter = 0;

export function keyOf(item: object): string {
  let key = keys.get(item);
  if (key === undefined) {
    key = `k${++counter}`;
    keys.set(item, key);
  }
  return key;
}

export function carryKey<T extends object>(previous: object, next: T): T {
  if (previous !== next) keys.set(next, keyOf(previous));
  return next;
}

/** `items` with `items[index]` replaced by `next`, which keeps the replaced item's key. */
export function replaceAt<T extends object>(items: readonly T[], index: number, next: T): T[] {
  return items.map((item, i) => (i === index ? carryKey(item, next) : item));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}
