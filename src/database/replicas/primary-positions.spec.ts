import { PrimaryPositions } from './primary-positions';

describe('PrimaryPositions (replica lag in milliseconds)', () => {
  it('is 0 while the replica has replayed everything the primary was seen at', () => {
    const positions = new PrimaryPositions(10_000);
    positions.record(100n, 1_000);
    expect(positions.lagMs(100n, 5_000)).toBe(0);
    expect(positions.lagMs(150n, 5_000)).toBe(0);
  });

  it('counts from the first time the primary was seen past the replayed position', () => {
    const positions = new PrimaryPositions(10_000);
    positions.record(100n, 1_000);
    positions.record(200n, 1_200);
    positions.record(300n, 1_400);
    expect(positions.lagMs(100n, 2_000)).toBe(800);
    expect(positions.lagMs(250n, 2_000)).toBe(600);
  });

  it('does not grow while an idle primary stays where the replica is', () => {
    const positions = new PrimaryPositions(10_000);
    for (let at = 0; at <= 9_000; at += 250) positions.record(100n, at);
    expect(positions.lagMs(100n, 9_000)).toBe(0);
    // The first write after the idle time is dated when it was first seen, not when the idle began.
    positions.record(101n, 9_250);
    expect(positions.lagMs(100n, 9_500)).toBe(250);
  });

  it('keeps at most its window, so a replica stuck for long reads as behind by at least the window', () => {
    const positions = new PrimaryPositions(1_000);
    for (let at = 0, position = 1n; at <= 5_000; at += 100, position++) positions.record(position, at);
    expect(positions.lagMs(0n, 5_000)).toBeGreaterThanOrEqual(1_000);
    expect(positions.lagMs(0n, 5_000)).toBeLessThanOrEqual(1_100);
  });
});
