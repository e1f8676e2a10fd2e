import type { NextFunction, Request, Response } from 'express';

// Responses carry API keys, users and cursors: no cache may keep them, errors included (the header
// is set before anything else runs). The API documentation is public and the same for everyone,
// so it stays cacheable.
export function noStoreExceptDocs(docsPaths: string[]) {
  const isDocs = (path: string) => docsPaths.some((docs) => path === docs || path.startsWith(`${docs}/`));
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!isDocs(request.path)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
