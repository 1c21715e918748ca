/** A count over the last `seconds` seconds, in one-second slots (fixed memory). */
export class RollingCount {
  private readonly counts: number[];
  private readonly slots: number[];

  constructor(private readonly seconds = 60) {
    this.counts = new Array<number>(seconds).fill(0);
    this.slots = new Array<number>(seconds).fill(-1);
  }

  add(n = 1, now = Date.now()): void {
    const slot = Math.floor(now / 1_000);
    const index = slot % this.seconds;
    if (this.slots[index] !== slot) {
      this.slots[index] = slot;
      this.counts[index] = 0;
    }
    this.counts[index]! += n;
  }

  total(now = Date.now()): number {
    const oldest = Math.floor(now / 1_000) - this.seconds;
    let sum = 0;
    for (let i = 0; i < this.seconds; i += 1) if (this.slots[i]! > oldest) sum += this.counts[i]!;
    return sum;
  }
}
