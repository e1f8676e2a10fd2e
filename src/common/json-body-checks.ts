import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from './errors';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';
import { assertWellFormedStrings } from './unicode';

// Runs right after the JSON body parser, before any guard, pipe or transformation sees the body:
// too deep a body, or one holding a string that is not well-formed Unicode, is a 422.
export function checkJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const body: unknown = request.body;
  if (body === null || body === undefined) return next();
  if (jsonDepthExceeds(body)) {
    return next(
      new RequestValidationError([
        { loc: ['body'], msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, type: 'json_invalid' },
      ]),
    );
  }
  try {
    assertWellFormedStrings(body, ['body']);
  } catch (error) {
    return next(error);
  }
  next();
}
