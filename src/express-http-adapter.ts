import { createServer as createHttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Application } from 'express';

// Nest's Express adapter, with one difference: the HTTP server makes each request and response
// with Express's prototypes (`app.request`, `app.response`) from the start.
//
// Express gives every request and response its prototypes in `app.handle`, with
// Object.setPrototypeOf, after Node has made them as plain IncomingMessage and ServerResponse.
// Changing an object's prototype gives it a new hidden class, and in V8 (Node 20) a fifth of what
// such a server allocates then survives the young generation's collections: every scavenge copied
// and promoted ~2.5 MB, and the old generation filled with dead requests that full collections
// had to mark (docs/performance.md, "Requests made with Express's prototypes"). A bare node:http
// server keeps 0.2 % (the same server with the two setPrototypeOf calls: 20 %). When the request
// already has the prototype, V8's setPrototypeOf returns at once, so Express's own call changes
// nothing and everything Express and Nest do is unchanged.
export class ExpressHttpAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Nest keeps the connections of the server it makes to close them itself: not reproduced here.
    if (options.forceCloseConnections) throw new Error('ExpressHttpAdapter does not support forceCloseConnections');
    // Nest's own setup first (its middleware for return503OnClosing), then the server it made is
    // replaced, before anything has seen it, by one that makes requests with Express's prototypes.
    super.initHttpServer(options);
    const app = this.getInstance<Application & ExpressPrototypes>();
    const classes = { IncomingMessage: withPrototype(IncomingMessage, app.request), ServerResponse: withPrototype(ServerResponse, app.response) };
    this.httpServer = options.httpsOptions
      ? createHttpsServer({ ...options.httpsOptions, ...classes }, app)
      : createHttpServer(classes, app);
  }
}

// The prototypes an Express application gives its requests and responses (set by express()).
interface ExpressPrototypes {
  request: object;
  response: object;
}

// A constructor for Node's http server (its IncomingMessage or ServerResponse option) that runs
// Node's own and whose instances have `prototype` (which inherits from Node's) as theirs.
function withPrototype<C extends typeof IncomingMessage | typeof ServerResponse>(node: C, prototype: object): C {
  function Constructed(this: unknown): void {
    // eslint-disable-next-line prefer-rest-params -- passed on as they came, no array made
    Reflect.apply(node as unknown as (...args: unknown[]) => void, this, arguments);
  }
  Constructed.prototype = prototype;
  return Constructed as unknown as C;
}
