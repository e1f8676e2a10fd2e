// The responses being served, for the drain at shutdown: slots in an array, each response in its
// own until it closes, the free slots reused.
//
// Not a Set: with a Set here, 14 % of all the server allocated survived the young generation's
// collections (promoted, and left for full collections to mark) against 0.3 % without it, under
// the perf harness's load on this build (docs/performance.md, "What survived the young
// generation"); why V8 kept them is not pinned down (a standalone server with the same Set did not
// show it). Here a slot is written once when a response comes and once when it goes, and the array
// keeps its length.
export class InFlightResponses<T extends object> {
  private readonly slots: Array<T | undefined> = [];
  private readonly free: number[] = [];

  get size(): number {
    return this.slots.length - this.free.length;
  }

  // The slot to give back to `remove` when the response is done.
  add(response: T): number {
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = response;
    return slot;
  }

  remove(slot: number): void {
    if (this.slots[slot] === undefined) return;
    this.slots[slot] = undefined;
    this.free.push(slot);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const response of this.slots) if (response !== undefined) yield response;
  }
}
