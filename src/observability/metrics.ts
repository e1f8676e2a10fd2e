import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { poolStats } from '../database/connection/bounded-pool';
import type { ReadTarget } from '../database/replicas/replica-set';
import { unpreparedStatements } from '../database/sql/prepared-statements';

// What the principal cache counts (auth/principal-cache.ts).
export interface PrincipalCacheCounts {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}

// Seconds; most requests take a few milliseconds, the slow tail is what the upper buckets catch.
// Seconds; a store call takes well under a millisecond on a local network.
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// One registry per application (tests run several in one process). Labels are bounded: method,
// route template (never a URL), status class, and an authentication outcome from a fixed set.
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly authOutcomes: Counter<'outcome'>;
  private readonly rateLimitDecisions: Counter<'policy' | 'outcome'>;
  private readonly rateLimitStoreErrors: Counter<'operation'>;
  private readonly rateLimitStoreDuration: Histogram<'operation'>;

  constructor(
    readonly enabled: boolean,
    dataSource: DataSource,
    principalCache: PrincipalCacheCounts,
    // The staleness-tolerant reads by where they ran (only with DATABASE_REPLICA_URLS).
    replicaReads: Readonly<Record<ReadTarget, number>> | null = null,
  ) {
    const registers = [this.registry];
    this.requestDuration = new Histogram({
      name: 'leadr_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class, from the first middleware to the response end',
      labelNames: ['method', 'route', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.authOutcomes = new Counter({
      name: 'leadr_auth_attempts_total',
      help: 'API key authentications by outcome (ok, missing_key, invalid_key, suspended, throttled, ...)',
      labelNames: ['outcome'],
      registers,
    });
    this.rateLimitDecisions = new Counter({
      name: 'leadr_rate_limit_requests_total',
      help: 'Authenticated requests decided by the request budgets, by policy (the one named in the RateLimit header, or the one that refused) and outcome (allowed, limited)',
      labelNames: ['policy', 'outcome'],
      registers,
    });
    this.rateLimitStoreErrors = new Counter({
      name: 'leadr_rate_limit_store_errors_total',
      help: 'Calls to the rate-limit store (Redis or in process) that failed or timed out, by operation',
      labelNames: ['operation'],
      registers,
    });
    this.rateLimitStoreDuration = new Histogram({
      name: 'leadr_rate_limit_store_duration_seconds',
      help: 'Calls to the rate-limit store by operation (consume, auth_failure, auth_trust, auth_trusted), failed ones included',
      labelNames: ['operation'],
      buckets: STORE_BUCKETS,
      registers,
    });
    const pool = () => poolStats(dataSource);
    gaugeFrom('leadr_db_pool_max_clients', 'Largest number of connections the pool may open', registers, () => pool()?.max);
    gaugeFrom('leadr_db_pool_clients', 'Connections the pool has open', registers, () => pool()?.totalCount);
    gaugeFrom('leadr_db_pool_idle_clients', 'Open connections not in use', registers, () => pool()?.idleCount);
    gaugeFrom('leadr_db_pool_waiting_requests', 'Queries waiting for a free connection', registers, () => pool()?.waitingCount);
    totalFrom(
      'leadr_db_unprepared_statements_total',
      'Statements run unprepared because their connection held its bound of prepared statements (process-wide)',
      registers,
      unpreparedStatements,
    );
    totalFrom('leadr_principal_cache_hits_total', 'Authentications answered from the principal cache', registers, () => principalCache.hits);
    totalFrom('leadr_principal_cache_misses_total', 'Authentications that looked the key up in the database', registers, () => principalCache.misses);
    gaugeFrom('leadr_principal_cache_entries', 'Principals in the cache', registers, () => principalCache.size);
    if (replicaReads) {
      new Counter({
        name: 'leadr_db_reads_total',
        help:
          'Staleness-tolerant reads (GETs of users, accounts, API keys) by target: replica; primary (a replica was ' +
          'healthy but had not replayed the key\'s own write or the Consistency-Token yet); fallback (no replica was ' +
          'healthy, or the read failed on the replica and ran again on the primary)',
        labelNames: ['target'],
        registers,
        collect() {
          this.reset();
          for (const [target, count] of Object.entries(replicaReads)) this.inc({ target }, count);
        },
      });
    }
    if (enabled) collectProcessMetrics(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  recordAuthOutcome(outcome: string): void {
    if (!this.enabled) return;
    this.authOutcomes.inc({ outcome });
  }

  recordRateLimit(policy: string, limited: boolean): void {
    if (!this.enabled) return;
    this.rateLimitDecisions.inc({ policy, outcome: limited ? 'limited' : 'allowed' });
  }

  recordRateLimitStoreCall(operation: string, seconds: number, failed: boolean): void {
    if (!this.enabled) return;
    this.rateLimitStoreDuration.observe({ operation }, seconds);
    if (failed) this.rateLimitStoreErrors.inc({ operation });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

function gaugeFrom(name: string, help: string, registers: Registry[], read: () => number | undefined): void {
  new Gauge({
    name,
    help,
    registers,
    collect() {
      this.set(read() ?? 0);
    },
  });
}

// A counter kept elsewhere (a plain number that only grows), read at scrape time.
function totalFrom(name: string, help: string, registers: Registry[], read: () => number): void {
  new Counter({
    name,
    help,
    registers,
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

// prom-client's default Node process metrics (CPU, memory, heap spaces, event-loop lag, handles,
// file descriptors, version), all but its GC-duration histogram: that one observes every garbage
// collection through a perf_hooks callback, and under load (dozens of collections a second) it
// cost about 3 % of the request rate. prom-client has no switch for one default metric, so its
// metric modules are registered one by one.
const PROCESS_METRICS = [
  'processCpuTotal',
  'processStartTime',
  'osMemoryHeap',
  'processOpenFileDescriptors',
  'processMaxFileDescriptors',
  'eventLoopLag',
  'processResources',
  'processHandles',
  'processRequests',
  'heapSizeAndUsed',
  'heapSpacesSizeAndUsed',
  'version',
];

function collectProcessMetrics(registry: Registry): void {
  for (const name of PROCESS_METRICS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const register = require(`prom-client/lib/metrics/${name}`) as (registry: Registry, config: object) => void;
    register(registry, { eventLoopMonitoringPrecision: 10 });
  }
}
