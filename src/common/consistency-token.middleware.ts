import type { NextFunction, Request, Response } from 'express';
import { formatLsn, Lsn, parseLsn } from '../database/replicas/lsn';
import { ReadContext, readContextStorage } from '../database/replicas/read-context';
import { DomainError } from './errors';

// Read-your-writes across instances (docs/api.md, "Consistency-Token"): a write's response
// carries the WAL position its commit reached; a read that sends it back is served by a replica
// that has replayed at least that far, or by the primary.
export const CONSISTENCY_TOKEN_HEADER = 'consistency-token';

// With replicas, each request gets its ReadContext (its key, its token, its writes' positions);
// without, nothing is kept and only a malformed token is refused (400 through the exception filter,
// as every error), so that a client learns of its mistake whatever the instance's configuration.
export function consistencyTokens(withReplicas: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const sent = request.headers[CONSISTENCY_TOKEN_HEADER];
    let token: Lsn | null = null;
    if (sent !== undefined) {
      token = typeof sent === 'string' ? parseLsn(sent) : null;
      if (token === null) {
        return next(
          new DomainError('invalid_request', 'Consistency-Token must be a token from a Consistency-Token response header, such as 0/16B3748'),
        );
      }
    }
    if (!withReplicas) return next();
    const context = new ReadContext(token, (position) => {
      if (!response.headersSent) response.setHeader(CONSISTENCY_TOKEN_HEADER, formatLsn(position));
    });
    readContextStorage.run(context, next);
  };
}
