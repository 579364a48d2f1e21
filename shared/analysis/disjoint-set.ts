/** Union–find over string keys, with path halving; `find` of an unknown key is the key itself. */
export class DisjointSet {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let k = key;
    let p = this.parent.get(k);
    while (p !== undefined && p !== k) {
      const grand = this.parent.get(p) ?? p;
      this.parent.set(k, grand);
      k = grand;
      p = this.parent.get(k);
    }
    return k;
  }

  /** Joins the sets of `a` and `b`; returns false when they were already one. */
  union(a: string, b: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // The smaller key becomes the representative, so results do not depend on insertion order.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    return true;
  }

  same(a: string, b: string): boolean {
    return this.find(a) === this.find(b);
  }
}
