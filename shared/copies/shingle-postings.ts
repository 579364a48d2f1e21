/**
 * An inverted index from shingle to the articles holding it, in flat typed
 * arrays: an open-addressing table of shingles, each pointing at a chain of
 * entries (one per article holding it). Thousands of articles give millions
 * of shingles, almost all held by one article; a Map of arrays would cost
 * several times the memory and time.
 */
const EMPTY = -1;

export class ShinglePostings {
  /** Per table slot: the newest entry of the shingle stored there, or EMPTY. */
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private usedSlots = 0;
  /** Per entry: its shingle, the article (by number) holding it, and the older entry of the same shingle. */
  private shingleOf = new Uint32Array(1 << 12);
  private ownerOf = new Int32Array(1 << 12);
  private older = new Int32Array(1 << 12);
  private entries = 0;

  /** Records that article number `owner` holds each of `shingles` (distinct values). */
  add(owner: number, shingles: Uint32Array): void {
    this.reserve(shingles.length);
    for (const shingle of shingles) {
      const slot = this.slotOf(shingle);
      const entry = this.entries++;
      this.shingleOf[entry] = shingle;
      this.ownerOf[entry] = owner;
      this.older[entry] = this.slots[slot]!;
      if (this.slots[slot] === EMPTY) this.usedSlots++;
      this.slots[slot] = entry;
    }
  }

  /**
   * Adds to `counts[owner]` the number of `shingles` each article holds, and
   * lists in `touched` every owner whose count went from 0 to 1.
   */
  count(shingles: Uint32Array, counts: Int32Array, touched: number[]): void {
    for (const shingle of shingles) {
      for (let entry = this.slots[this.slotOf(shingle)]!; entry !== EMPTY; entry = this.older[entry]!) {
        const owner = this.ownerOf[entry]!;
        const before = counts[owner]!;
        counts[owner] = before + 1;
        if (before === 0) touched.push(owner);
      }
    }
  }

  /** The slot holding `shingle`, or the empty slot where it belongs (linear probing). */
  private slotOf(shingle: number): number {
    const mask = this.slots.length - 1;
    let slot = shingle & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY || this.shingleOf[entry] === shingle) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private reserve(more: number): void {
    if (this.entries + more > this.ownerOf.length) {
      const size = grownSize(this.ownerOf.length, this.entries + more);
      this.shingleOf = copyInto(new Uint32Array(size), this.shingleOf);
      this.ownerOf = copyInto(new Int32Array(size), this.ownerOf);
      this.older = copyInto(new Int32Array(size), this.older);
    }
    // Keep the table at most half full, counting every new shingle as a new slot.
    if ((this.usedSlots + more) * 2 > this.slots.length) this.rehash(grownSize(this.slots.length, (this.usedSlots + more) * 2));
  }

  private rehash(size: number): void {
    const heads = this.slots.filter((entry) => entry !== EMPTY);
    this.slots = new Int32Array(size).fill(EMPTY);
    for (const head of heads) this.slots[this.slotOf(this.shingleOf[head]!)] = head;
  }
}

function grownSize(size: number, needed: number): number {
  while (size < needed) size *= 2;
  return size;
}

function copyInto<T extends Uint32Array | Int32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
