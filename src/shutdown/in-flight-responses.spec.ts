import { InFlightResponses } from './in-flight-responses';

describe('InFlightResponses', () => {
  it('holds each response from add to remove, and counts them', () => {
    const inFlight = new InFlightResponses<{ id: number }>();
    const [a, b, c] = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const slotA = inFlight.add(a);
    const slotB = inFlight.add(b);
    inFlight.add(c);
    expect(inFlight.size).toBe(3);
    inFlight.remove(slotB);
    expect(inFlight.size).toBe(2);
    expect([...inFlight]).toEqual([a, c]);
    inFlight.remove(slotA);
    expect([...inFlight]).toEqual([c]);
  });

  it('reuses freed slots, so that it grows only to the most responses in flight at once', () => {
    const inFlight = new InFlightResponses<object>();
    const slots = new Set<number>();
    for (let round = 0; round < 1000; round++) {
      const held = [inFlight.add({}), inFlight.add({}), inFlight.add({})];
      held.forEach((slot) => slots.add(slot));
      held.forEach((slot) => inFlight.remove(slot));
    }
    expect(inFlight.size).toBe(0);
    expect([...slots].sort()).toEqual([0, 1, 2]);
  });

  it('ignores a slot removed twice', () => {
    const inFlight = new InFlightResponses<object>();
    const slot = inFlight.add({});
    inFlight.remove(slot);
    inFlight.remove(slot);
    expect(inFlight.size).toBe(0);
    const next = inFlight.add({});
    const other = inFlight.add({});
    expect(next).not.toBe(other);
    expect(inFlight.size).toBe(2);
  });
});
