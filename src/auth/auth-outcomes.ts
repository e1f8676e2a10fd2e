import { DomainError } from '../common/errors';

// Counts how authentications end. Declared here, provided by observability/ (a Prometheus counter).
export abstract class AuthOutcomes {
  abstract record(outcome: string): void;
}

// The outcome of a failed authentication, from a fixed set (it labels a metric).
export function failedAuthOutcome(error: unknown, keyPresented: boolean): string {
  if (!(error instanceof DomainError)) return 'error';
  switch (error.code) {
    case 'unauthenticated':
      return keyPresented ? 'invalid_key' : 'missing_key';
    case 'account_suspended':
      return 'suspended';
    case 'user_inactive':
      return 'user_inactive';
    case 'rate_limited':
      return 'throttled';
    default:
      return error.code;
  }
}
