/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes
 * PractRand, and costs a handful of integer operations per draw, which matters at 20 M events.
 * Math.random is never used: the same (seed, index) must always give byte-identical output.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = 1;
    // The first outputs of sfc32 still echo the seed words; discard them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** `len` lower-case hex digits. */
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, len);
  }
}

/** murmur3's fmix32: spreads every input bit over the whole word. */
function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const high32 = (n: number): number => Math.floor(n / 4294967296) >>> 0;

/**
 * The generator of one stream of one demo user. Seeding from (seed, index) instead of
 * drawing users one after another from a single generator is what lets any range of users be
 * generated alone, in any order, on any number of workers.
 */
export function userRng(seed: number, index: number, stream: number): Rng {
  const s = mix32(mix32((seed >>> 0) ^ 0x9e3779b9) ^ high32(seed));
  const i = mix32(mix32((index >>> 0) + 0x632be5ab) ^ high32(index));
  return new Rng(mix32(s ^ Math.imul(stream + 1, 0x27d4eb2d)), i, mix32(s + i + stream));
}
