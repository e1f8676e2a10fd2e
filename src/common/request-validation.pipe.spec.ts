import { RequestValidationError } from './errors';
import { RequestValidationPipe } from './request-validation.pipe';
import { AccountScopedPageQuery } from '../pagination/account-scoped-page-query.dto';

function issuesOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestValidationError) return error.issues;
    throw error;
  }
  throw new Error('no validation error');
}

// Query strings and headers cannot carry a lone surrogate over HTTP (percent-escapes decode as
// UTF-8, headers as Latin-1), so the pipe's own check is exercised here directly.
describe('RequestValidationPipe and ill-formed Unicode', () => {
  const pipe = new RequestValidationPipe();

  it('reports a lone surrogate in a query value at its location', () => {
    expect(
      issuesOf(() => pipe.transform({ sort: 'email\ud800:asc', limit: '5' }, { type: 'query', metatype: AccountScopedPageQuery })),
    ).toEqual([
      {
        loc: ['query', 'sort'],
        msg: 'Input should be a valid string, unable to parse raw data as a unicode string',
        type: 'string_unicode',
      },
    ]);
  });

  it('reports one in a path parameter at its location', () => {
    expect(issuesOf(() => pipe.transform('usr_\udc00', { type: 'param', metatype: String, data: 'user_id' }))).toEqual([
      expect.objectContaining({ loc: ['path', 'user_id'], type: 'string_unicode' }),
    ]);
  });

  it('passes well-formed values on', () => {
    expect(pipe.transform('usr_🎮', { type: 'param', metatype: String, data: 'user_id' })).toBe('usr_🎮');
  });
});

describe('RequestValidationPipe and query parameters', () => {
  const pipe = new RequestValidationPipe();
  const query = { type: 'query' as const, metatype: AccountScopedPageQuery };
  const ACCOUNT = 'acc_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41';

  it('gives a repeated valid query the same converted instance, a fresh one each time', () => {
    const first = pipe.transform({ limit: '5', account_id: ACCOUNT }, query) as AccountScopedPageQuery;
    const again = pipe.transform({ limit: '5', account_id: ACCOUNT }, query) as AccountScopedPageQuery;
    expect(first).toBeInstanceOf(AccountScopedPageQuery);
    expect(again).toBeInstanceOf(AccountScopedPageQuery);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(again.limit).toBe(5);
    expect(again.account_id).toBe('0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41');
  });

  it('still refuses an invalid query after valid ones of the same class, every time', () => {
    pipe.transform({ limit: '5' }, query);
    for (let i = 0; i < 2; i++) {
      expect(issuesOf(() => pipe.transform({ limit: '500' }, query))).toEqual([
        expect.objectContaining({ loc: ['query', 'limit'], type: 'less_than_equal' }),
      ]);
    }
  });

  it('keeps other values apart', () => {
    expect((pipe.transform({ limit: '7' }, query) as AccountScopedPageQuery).limit).toBe(7);
    expect((pipe.transform({ limit: '8' }, query) as AccountScopedPageQuery).limit).toBe(8);
  });
});
