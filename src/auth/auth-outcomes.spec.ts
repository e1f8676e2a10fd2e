import { DomainError } from '../common/errors';
import { failedAuthOutcome } from './auth-outcomes';

describe('failedAuthOutcome', () => {
  it.each<[DomainError | Error, boolean, string]>([
    [new DomainError('unauthenticated', 'Invalid API key'), true, 'invalid_key'],
    [new DomainError('unauthenticated', 'Missing API key'), false, 'missing_key'],
    [new DomainError('account_suspended', 'Account is suspended'), true, 'suspended'],
    [new DomainError('rate_limited', 'Too many invalid API keys', 5), true, 'throttled'],
    [new DomainError('user_inactive', 'User is suspended'), true, 'user_inactive'],
    [new DomainError('forbidden', 'Forbidden'), true, 'forbidden'],
    [new Error('connection refused'), true, 'error'],
  ])('names %p (key presented: %p) %j', (error, presented, expected) => {
    expect(failedAuthOutcome(error, presented)).toBe(expected);
  });
});
