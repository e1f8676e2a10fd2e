import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { middlewareSeries } from './middleware-series';

const request = {} as Request;
const response = {} as Response;

function run(series: RequestHandler): Promise<unknown[]> {
  return new Promise((resolve) => {
    series(request, response, ((...args: unknown[]) => resolve(args)) as NextFunction);
  });
}

describe('middlewareSeries', () => {
  it('runs each middleware in order, then calls next once with nothing', async () => {
    const order: string[] = [];
    const step = (name: string): RequestHandler => (_req, _res, next) => {
      order.push(name);
      next();
    };
    await expect(run(middlewareSeries(step('a'), step('b'), step('c')))).resolves.toEqual([]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('waits for a middleware that calls next later', async () => {
    const order: string[] = [];
    const later: RequestHandler = (_req, _res, next) => {
      setTimeout(() => {
        order.push('later');
        next();
      }, 5);
    };
    await run(middlewareSeries(later, (_req, _res, next) => (order.push('after'), next())));
    expect(order).toEqual(['later', 'after']);
  });

  it('stops at the first error passed to next and hands it on', async () => {
    const failure = new Error('refused');
    const after = jest.fn();
    await expect(run(middlewareSeries((_req, _res, next) => next(failure), after))).resolves.toEqual([failure]);
    expect(after).not.toHaveBeenCalled();
  });

  it('hands on an error a middleware throws', async () => {
    const failure = new Error('thrown');
    await expect(run(middlewareSeries(() => {
      throw failure;
    }))).resolves.toEqual([failure]);
  });

  it('hands on the rejection of a middleware that returns a promise', async () => {
    const failure = new Error('rejected');
    const asyncMiddleware = (async () => {
      await Promise.resolve();
      throw failure;
    }) as unknown as RequestHandler;
    await expect(run(middlewareSeries(asyncMiddleware))).resolves.toEqual([failure]);
  });

  it('runs what follows inside the context a middleware runs next() in (AsyncLocalStorage)', async () => {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const storage = new AsyncLocalStorage<string>();
    let seen: string | undefined;
    await run(middlewareSeries(
      (_req, _res, next) => storage.run('request-1', next),
      (_req, _res, next) => {
        seen = storage.getStore();
        next();
      },
    ));
    expect(seen).toBe('request-1');
  });
});
