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
