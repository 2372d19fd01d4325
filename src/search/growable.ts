/** Growable typed array, so building 10M postings does not box numbers in JS arrays. */
export class Growable<T extends Uint32Array | Float32Array> {
  array: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.array = make(1 << 16);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  trimmed(): T {
    return this.array.slice(0, this.length) as T;
  }
}
