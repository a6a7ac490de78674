/**
 * Remembers which (workspace, messageId) pairs were accepted in the last `windowMs`, so a
 * client retry is acknowledged without storing the event twice.
 *
 * Kept in memory, rebuilt at start-up from the event store and the spool (both durable), so
 * the window survives restarts. Written here rather than with a `Set<string>` because a V8
 * Set stops at 2^24 entries and costs ~80 bytes a key; this table stores two independent
 * 53-bit hashes per id (106 bits: a false "duplicate" is vanishingly unlikely even at
 * billions of ids) in typed arrays, ~32 bytes an id, in hourly generations that are dropped
 * whole once they fall out of the window.
 *
 * Memory is bounded by `maxIds`: past it, the oldest hours are forgotten early, so the window
 * is "24 hours, or the last `maxIds` ids if fewer" (the default, 20 M ids, is ≈ 640 MB).
 */
export class DedupWindow {
  private generations: { hour: number; table: HashSet }[] = [];

  constructor(
    private readonly windowMs = 24 * 3600_000,
    private readonly maxIds = 20_000_000,
  ) {}

  /** Records the id if new. Returns false if it was already seen within the window. */
  claim(workspaceId: string, messageId: string, at: number): boolean {
    const [h1, h2] = hashPair(workspaceId, messageId);
    if (this.hasHash(h1, h2)) return false;
    this.generation(at).add(h1, h2);
    while (this.generations.length > 1 && this.size > this.maxIds) this.generations.shift();
    return true;
  }

  has(workspaceId: string, messageId: string): boolean {
    const [h1, h2] = hashPair(workspaceId, messageId);
    return this.hasHash(h1, h2);
  }

  /** Forgets an id claimed by a request whose write then failed, so a retry is accepted. */
  release(workspaceId: string, messageId: string): void {
    const [h1, h2] = hashPair(workspaceId, messageId);
    for (const g of this.generations) g.table.delete(h1, h2);
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.generations.reduce((n, g) => n + g.table.size, 0);
  }

  private hasHash(h1: number, h2: number): boolean {
    for (const g of this.generations) if (g.table.has(h1, h2)) return true;
    return false;
  }

  private generation(at: number): HashSet {
    const hour = Math.floor(at / 3600_000);
    const oldest = Math.floor((at - this.windowMs) / 3600_000);
    if (this.generations.length > 0 && this.generations[0]!.hour < oldest) {
      this.generations = this.generations.filter((g) => g.hour >= oldest);
    }
    let g = this.generations.find((x) => x.hour === hour);
    if (!g) {
      g = { hour, table: new HashSet() };
      this.generations.push(g);
      this.generations.sort((a, b) => a.hour - b.hour);
    }
    return g.table;
  }
}

/** Open-addressing set of (h1, h2) pairs; h1 is never 0 (0 marks an empty slot, -1 a tombstone). */
class HashSet {
  private a = new Float64Array(1024);
  private b = new Float64Array(1024);
  size = 0;
  private used = 0;

  has(h1: number, h2: number): boolean {
    const mask = this.a.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const v = this.a[i]!;
      if (v === 0) return false;
      if (v === h1 && this.b[i] === h2) return true;
    }
  }

  add(h1: number, h2: number): void {
    if ((this.used + 1) * 2 > this.a.length) this.grow();
    const mask = this.a.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const v = this.a[i]!;
      if (v === 0 || v === -1) {
        if (v === 0) this.used++;
        this.a[i] = h1;
        this.b[i] = h2;
        this.size++;
        return;
      }
      if (v === h1 && this.b[i] === h2) return;
    }
  }

  delete(h1: number, h2: number): void {
    const mask = this.a.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const v = this.a[i]!;
      if (v === 0) return;
      if (v === h1 && this.b[i] === h2) {
        this.a[i] = -1;
        this.size--;
        return;
      }
    }
  }

  private grow(): void {
    const oldA = this.a;
    const oldB = this.b;
    const cap = this.size * 4 > oldA.length ? oldA.length * 2 : oldA.length;
    this.a = new Float64Array(cap);
    this.b = new Float64Array(cap);
    this.size = 0;
    this.used = 0;
    for (let i = 0; i < oldA.length; i++) {
      const v = oldA[i]!;
      if (v !== 0 && v !== -1) this.add(v, oldB[i]!);
    }
  }
}

/** Two independent 53-bit string hashes (cyrb53 with different seeds) of workspace + id. */
function hashPair(workspaceId: string, messageId: string): [number, number] {
  const key = `${workspaceId}\u0000${messageId}`;
  const h1 = cyrb53(key, 0x9e3779b9) || 1;
  const h2 = cyrb53(key, 0x85ebca6b);
  return [h1 === -1 ? 2 : h1, h2];
}

function cyrb53(str: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
