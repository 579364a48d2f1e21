/**
 * An inverted index from shingle to the articles holding it, in flat typed
 * arrays. A table (open addressing, linear probing) holds each shingle next
 * to its newest entry, so a look-up touches one place in memory; the entries
 * (one per article holding a shingle) are appended in order and chained to
 * the older entry of the same shingle. Thousands of articles give millions
 * of shingles, almost all held by one article: a Map of arrays would cost
 * several times the memory and time.
 */
const EMPTY = -1;

export class ShinglePostings {
  /** Two numbers per slot: the shingle, and its newest entry (EMPTY for a free slot). */
  private table = emptyTable(1 << 12);
  private usedSlots = 0;
  /** Per entry: the article (by number) holding the shingle, and the older entry of the same shingle. */
  private ownerOf = new Int32Array(1 << 12);
  private older = new Int32Array(1 << 12);
  private entries = 0;

  /** Makes room for `count` more shingles at once (saves growing the table step by step). */
  reserve(count: number): void {
    if (this.entries + count > this.ownerOf.length) {
      const size = grownSize(this.ownerOf.length, this.entries + count);
      this.ownerOf = copyInto(new Int32Array(size), this.ownerOf);
      this.older = copyInto(new Int32Array(size), this.older);
    }
    // At most half full, counting every new shingle as a new slot.
    const slots = this.table.length / 2;
    if ((this.usedSlots + count) * 2 > slots) this.rehash(grownSize(slots, (this.usedSlots + count) * 2));
  }

  /** Records that article number `owner` holds each of `shingles` (distinct values). */
  add(owner: number, shingles: Uint32Array): void {
    this.visit(shingles, owner, null, []);
  }

  /**
   * Adds to `counts[owner]` the number of `shingles` each article holds, and
   * lists in `touched` every owner whose count went from 0 to 1.
   */
  count(shingles: Uint32Array, counts: Int32Array, touched: number[]): void {
    this.visit(shingles, -1, counts, touched);
  }

  /** count, then add as `owner`, in one pass over the table (a new article is matched, then indexed). */
  countThenAdd(owner: number, shingles: Uint32Array, counts: Int32Array, touched: number[]): void {
    this.visit(shingles, owner, counts, touched);
  }

  /** For each shingle: counts the articles holding it (when `counts` is given), then records `owner` (when it is not -1). */
  private visit(shingles: Uint32Array, owner: number, counts: Int32Array | null, touched: number[]): void {
    if (owner !== -1) this.reserve(shingles.length);
    const { table, ownerOf, older } = this;
    const mask = table.length / 2 - 1;
    let entry = this.entries;
    for (let i = 0; i < shingles.length; i++) {
      const shingle = shingles[i]! | 0;
      let at = (shingle & mask) * 2;
      while (table[at + 1] !== EMPTY && table[at] !== shingle) at = (at + 2) & (mask * 2 + 1);
      const newest = table[at + 1]!;
      if (counts) {
        for (let e = newest; e !== EMPTY; e = older[e]!) {
          const holder = ownerOf[e]!;
          const before = counts[holder]!;
          counts[holder] = before + 1;
          if (before === 0) touched.push(holder);
        }
      }
      if (owner === -1) continue;
      if (newest === EMPTY) {
        table[at] = shingle;
        this.usedSlots++;
      }
      ownerOf[entry] = owner;
      older[entry] = newest;
      table[at + 1] = entry++;
    }
    this.entries = entry;
  }

  /** Where in the table `shingle` is, or the free slot where it belongs. */
  private placeOf(shingle: number): number {
    const table = this.table;
    const mask = table.length / 2 - 1;
    let at = (shingle & mask) * 2;
    while (table[at + 1] !== EMPTY && table[at] !== shingle) at = (at + 2) & (mask * 2 + 1);
    return at;
  }

  private rehash(slots: number): void {
    const old = this.table;
    this.table = emptyTable(slots);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === EMPTY) continue;
      const place = this.placeOf(old[at]!);
      this.table[place] = old[at]!;
      this.table[place + 1] = old[at + 1]!;
    }
  }
}

function emptyTable(slots: number): Int32Array {
  const table = new Int32Array(slots * 2);
  for (let at = 1; at < table.length; at += 2) table[at] = EMPTY;
  return table;
}

function grownSize(size: number, needed: number): number {
  while (size < needed) size *= 2;
  return size;
}

function copyInto(target: Int32Array<ArrayBuffer>, source: Int32Array): Int32Array<ArrayBuffer> {
  target.set(source);
  return target;
}
