// What the limits count. Declared here, provided by observability/ (Prometheus).
export abstract class RateLimitMetrics {
  // A request decided by the budgets: the policy named in its RateLimit header (the refusing one
  // when limited).
  abstract decided(policy: string, limited: boolean): void;
  abstract storeCall(operation: string, seconds: number, failed: boolean): void;
}
