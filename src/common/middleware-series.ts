import type { NextFunction, Request, RequestHandler, Response } from 'express';

// Several Express middlewares as one: each runs in turn, exactly as if each had been given to
// app.use() in this order. The first that passes an error (or throws, or returns a rejected
// promise, as Express 5 reads a middleware's return value) ends the series, and the error goes on
// to Express. Express itself would walk one router layer per middleware on every request (a match,
// the parameters, the prefix trimming): the ~9 µs of router work a get-by-id spent over the Nest
// floor's in a CPU profile under load came from the number of layers (docs/performance.md, "The
// router's layers"). express.Router() composes too, but as a router, with the same per-layer walk.
export function middlewareSeries(...handlers: RequestHandler[]): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (handler === undefined) return next();
      try {
        const returned = handler(request, response, step) as unknown;
        if (returned instanceof Promise) returned.then(undefined, (rejected: unknown) => next(rejected ?? new Error('Rejected middleware promise')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
