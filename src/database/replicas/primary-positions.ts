import { Lsn } from './lsn';

interface Sample {
  at: number;
  position: Lsn;
}

// The primary's WAL position over time, sampled by the replica poll, for a replica's lag in
// milliseconds: how long the primary has been past the position the replica has replayed (the
// earliest sample beyond it). Unlike now() - pg_last_xact_replay_timestamp() on the standby, this
// does not grow while the primary is idle, and it needs no clock shared by the two servers. It is
// at most one poll interval short of the truth (the primary may have moved just after a sample).
export class PrimaryPositions {
  private readonly samples: Sample[] = [];

  // Samples older than `windowMs` are dropped, so a lag reads at most `windowMs`.
  constructor(private readonly windowMs: number) {}

  record(position: Lsn, at: number): void {
    const last = this.samples.at(-1);
    // The first time the primary was at a position is what counts; an idle primary adds nothing.
    if (last && last.position >= position) return;
    this.samples.push({ at, position });
    while (this.samples.length > 1 && this.samples[0].at < at - this.windowMs) this.samples.shift();
  }

  lagMs(replayed: Lsn, now: number): number {
    const behind = this.samples.find((sample) => sample.position > replayed);
    return behind ? Math.max(0, now - behind.at) : 0;
  }
}
