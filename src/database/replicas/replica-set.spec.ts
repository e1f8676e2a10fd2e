import { ReadContext } from './read-context';
import { Replica, ReplicaSet } from './replica-set';

// The routing decision on replicas whose polled state is set by hand (the pools are never used:
// pg-pool connects on first use). The real replica tier (test/replica/) covers the servers.
function replicaSet(count: number): ReplicaSet {
  const urls = Array.from({ length: count }, (_, i) => `postgres://app:secret@replica-${i}:5432/leadr`);
  return new ReplicaSet(urls, {
    maxLagMs: 1_000,
    pollMs: 200,
    poolSize: 1,
    limits: { connectTimeoutMs: 100, acquireTimeoutMs: 100, statementTimeoutMs: 100 },
  });
}

function polled(replica: Replica, status: Replica['status'], replayed: bigint, polledAt = Date.now()): void {
  Object.assign(replica, { status, replayed, lagMs: status === 'down' ? null : 0, polledAt });
}

describe('ReplicaSet routing', () => {
  let set: ReplicaSet;
  afterEach(async () => {
    await set.close();
  });

  it('takes the streaming replicas in turn', () => {
    set = replicaSet(3);
    for (const replica of set.replicas) polled(replica, 'streaming', 100n);
    const picked = Array.from({ length: 6 }, () => (set.pick(null) as Replica).name);
    expect(picked).toEqual(['replica-0:5432/leadr', 'replica-1:5432/leadr', 'replica-2:5432/leadr', 'replica-0:5432/leadr', 'replica-1:5432/leadr', 'replica-2:5432/leadr']);
  });

  it('skips lagging, down and not recently polled replicas; none left means the primary', () => {
    set = replicaSet(3);
    polled(set.replicas[0], 'lagging', 100n);
    polled(set.replicas[1], 'down', 100n);
    polled(set.replicas[2], 'streaming', 100n, Date.now() - 60_000);
    expect(set.pick(null)).toBe('none');
    polled(set.replicas[2], 'streaming', 100n);
    expect(set.pick(null)).toBe(set.replicas[2]);
    expect(set.pick(null)).toBe(set.replicas[2]);
  });

  it('sends a read that must see a position to a replica at or past it, else to the primary', () => {
    set = replicaSet(2);
    polled(set.replicas[0], 'streaming', 100n);
    polled(set.replicas[1], 'streaming', 200n);
    expect(set.pick(150n)).toBe(set.replicas[1]);
    expect(set.pick(200n)).toBe(set.replicas[1]);
    expect(set.pick(201n)).toBe('behind');
  });

  it("requires the later of the request's token and its key's last write on this instance", () => {
    set = replicaSet(1);
    const announced: bigint[] = [];
    const writer = new ReadContext(null, (position) => announced.push(position));
    writer.keyId = 'key-1';
    set.committed(writer, 300n);
    set.committed(writer, 250n);
    expect(announced).toEqual([300n, 250n]);
    const sameKey = new ReadContext(null, () => undefined);
    sameKey.keyId = 'key-1';
    expect(set.requiredPosition(sameKey)).toBe(300n);
    const withToken = new ReadContext(400n, () => undefined);
    withToken.keyId = 'key-1';
    expect(set.requiredPosition(withToken)).toBe(400n);
    const otherKey = new ReadContext(null, () => undefined);
    otherKey.keyId = 'key-2';
    expect(set.requiredPosition(otherKey)).toBeNull();
    expect(set.requiredPosition(undefined)).toBeNull();
  });

  it('names a replica by host, port and database, never its credentials', () => {
    set = replicaSet(1);
    expect(set.health()).toEqual([{ name: 'replica-0:5432/leadr', status: 'down', lag_ms: null }]);
    expect(JSON.stringify(set.health())).not.toContain('secret');
  });
});
