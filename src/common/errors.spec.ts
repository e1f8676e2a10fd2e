import { DomainError, DomainErrorCode, statusForCode } from './errors';

describe('statusForCode', () => {
  it.each<[DomainErrorCode, number]>([
    ['invalid_request', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['account_suspended', 403],
    ['user_inactive', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['gone', 410],
    ['rate_limited', 429],
  ])('maps %s to %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('throws for a code it does not know', () => {
    expect(() => statusForCode('teapot' as DomainErrorCode)).toThrow(/teapot/);
  });
});

describe('DomainError', () => {
  it('carries its code and detail, and uses the detail as message', () => {
    const error = new DomainError('not_found', 'User not found');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'not_found', detail: 'User not found', message: 'User not found' });
    expect(error.name).toBe('DomainError');
  });
});
