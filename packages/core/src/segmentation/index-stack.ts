/**
 * A stack of voxel indices for flood fills, growing by doubling. A fill marks a voxel when it pushes
 * it, so the stack never holds more than the region; starting small keeps a 3D fill of a large volume
 * from reserving four bytes per voxel up front.
 */
export class IndexStack {
  private items: Int32Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.items = new Int32Array(Math.max(1, initialCapacity));
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  push(index: number): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.size++] = index;
  }

  /** The last index pushed; only call when not empty. */
  pop(): number {
    return this.items[--this.size]!;
  }
}
