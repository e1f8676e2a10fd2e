import { RequestValidationError } from '../common/errors';
import { canonicalJson, readIdempotencyKey, requestFingerprint } from './idempotency-key';

const requestWith = (...headers: string[]) => {
  const record: Record<string, string> = {};
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i].toLowerCase();
    record[name] = record[name] === undefined ? headers[i + 1] : `${record[name]}, ${headers[i + 1]}`;
  }
  return { headers: record, rawHeaders: headers };
};

describe('readIdempotencyKey', () => {
  it('is undefined without the header', () => {
    expect(readIdempotencyKey(requestWith('content-type', 'application/json'))).toBeUndefined();
  });

  it.each(['k', 'K'.repeat(255), 'order-42 / retry #1', '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./'])('accepts %j', (key) => {
    expect(readIdempotencyKey(requestWith('Idempotency-Key', key))).toBe(key);
  });

  it.each<[string, string[]]>([
    ['an empty value', ['Idempotency-Key', '']],
    ['256 characters', ['Idempotency-Key', 'k'.repeat(256)]],
    ['a control character', ['Idempotency-Key', 'a\tb']],
    ['DEL', ['Idempotency-Key', 'a\x7fb']],
    ['a non-ASCII character', ['Idempotency-Key', 'cl\u00e9']],
    ['the header twice', ['Idempotency-Key', 'a', 'idempotency-key', 'b']],
  ])('refuses %s at ["header", "idempotency-key"]', (_label, headers) => {
    let caught: unknown;
    try {
      readIdempotencyKey(requestWith(...headers));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestValidationError);
    expect((caught as RequestValidationError).issues.map((issue) => issue.loc)).toEqual([['header', 'idempotency-key']]);
  });
});

describe('requestFingerprint', () => {
  const body = { account_id: 'acc_1', email: 'a@example.com', nested: { b: 1, a: [2, { d: 3, c: 4 }] } };

  it('ignores the order of object keys, at every depth', () => {
    const reordered = { nested: { a: [2, { c: 4, d: 3 }], b: 1 }, email: 'a@example.com', account_id: 'acc_1' };
    expect(requestFingerprint('POST', '/v1/users', reordered)).toBe(requestFingerprint('POST', '/v1/users', body));
  });

  it.each<[string, [string, string, unknown]]>([
    ['another method', ['PUT', '/v1/users', body]],
    ['another path', ['POST', '/v1/accounts', body]],
    ['another query', ['POST', '/v1/users?account_id=acc_1', body]],
    ['another value', ['POST', '/v1/users', { ...body, email: 'b@example.com' }]],
    ['another array order', ['POST', '/v1/users', { ...body, nested: { b: 1, a: [{ d: 3, c: 4 }, 2] } }]],
    ['a number for a string', ['POST', '/v1/users', { ...body, account_id: 1 }]],
    ['no body', ['POST', '/v1/users', undefined]],
  ])('tells %s apart', (_label, [method, url, other]) => {
    expect(requestFingerprint(method, url, other)).not.toBe(requestFingerprint('POST', '/v1/users', body));
  });

  it('is hex SHA-256', () => {
    expect(requestFingerprint('POST', '/v1/users', body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys and treats a missing body as null', () => {
    expect(JSON.stringify(canonicalJson({ b: 1, a: { d: null, c: [1] } }))).toBe('{"a":{"c":[1],"d":null},"b":1}');
    expect(canonicalJson(undefined)).toBeNull();
  });
});
