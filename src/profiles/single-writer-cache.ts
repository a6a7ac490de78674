import type { ProfileDelta } from './profile-delta.js';

/** A Map used as an LRU: reads move an entry to the back, inserts evict from the front. */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(k: string): void {
    this.map.delete(k);
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * What the applier already knows about identities and profile rows, so it need not read them
 * back from the state store on every batch. Valid only while this process is the only writer
 * of profiles and identities, which is the case with the embedded state store (PGlite); with
 * PostgreSQL other Tailor processes write too, and the applier reads from the database.
 *
 * Entries are written after the state transaction commits; a failed batch clears everything.
 */
export class SingleWriterCache {
  /** ws|type|value → profile id as first assigned; `forward` maps merged-away ids onward. */
  private ids: Lru<string>;
  private forward = new Map<string, string>();
  private identified: Lru<true>;
  /** ws|profile → the stored row. */
  private rows: Lru<ProfileDelta>;

  constructor(maxIds = 2_000_000, maxRows = 200_000) {
    this.ids = new Lru(maxIds);
    this.identified = new Lru(maxIds);
    this.rows = new Lru(maxRows);
  }

  profileOf(ws: string, type: string, value: string): string | undefined {
    const p = this.ids.get(`${ws}\u0000${type}\u0000${value}`);
    return p === undefined ? undefined : this.survivor(ws, p);
  }

  isIdentified(ws: string, profileId: string): boolean {
    return this.identified.get(`${ws}\u0000${profileId}`) === true;
  }

  survivor(ws: string, profileId: string): string {
    let p = profileId;
    for (
      let next = this.forward.get(`${ws}\u0000${p}`);
      next !== undefined;
      next = this.forward.get(`${ws}\u0000${p}`)
    )
      p = next;
    return p;
  }

  rememberId(ws: string, type: string, value: string, profileId: string): void {
    this.ids.set(`${ws}\u0000${type}\u0000${value}`, profileId);
    if (type === 'user') this.identified.set(`${ws}\u0000${profileId}`, true);
  }

  rememberMerge(ws: string, from: string, into: string): void {
    this.forward.set(`${ws}\u0000${from}`, into);
    if (this.identified.get(`${ws}\u0000${from}`)) this.identified.set(`${ws}\u0000${into}`, true);
    this.rows.delete(`${ws}\u0000${from}`);
  }

  row(ws: string, profileId: string): ProfileDelta | undefined {
    return this.rows.get(`${ws}\u0000${profileId}`);
  }

  rememberRow(d: ProfileDelta): void {
    this.rows.set(`${d.workspaceId}\u0000${d.profileId}`, d);
  }

  clear(): void {
    this.ids.clear();
    this.forward.clear();
    this.identified.clear();
    this.rows.clear();
  }
}
