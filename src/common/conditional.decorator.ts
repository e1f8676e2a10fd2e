import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EntityTagCondition, etagOf } from './etag';
import { PRECONDITION_FAILED } from './precondition';

// The answer of a single resource: `reply(representation)` gives it its strong ETag, and a GET
// whose If-None-Match matches it is answered 304 with no body. A handler parameter (`@Tagged()`),
// not an interceptor: Nest runs every interceptor through an RxJS pipeline bound to the async
// context, which cost ~59 µs of a ~1,050 µs get-by-id in a CPU profile under load (5.6 %,
// docs/performance.md, "The cost table"). The operation decorators (GetOneOperation and
// UpdateOperation with `etag: true`) refuse a handler without it, and a handler with it that does
// not declare `etag`, when the class is defined.
export class TaggedReply {
  constructor(
    private readonly request: Request,
    private readonly response: Response,
  ) {}

  reply<T>(representation: T): T {
    const etag = etagOf(representation);
    this.response.setHeader('ETag', etag);
    const safe = this.request.method === 'GET' || this.request.method === 'HEAD';
    if (safe && EntityTagCondition.parse(this.request.header('if-none-match'))?.matchesWeakly(etag)) {
      this.response.status(304);
      return undefined as T;
    }
    return representation;
  }
}

const TAGGED_PARAMETER = Symbol('tagged-parameter');

export const Tagged = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    new TaggedReply(context.switchToHttp().getRequest<Request>(), context.switchToHttp().getResponse<Response>()),
  [(target, key) => Reflect.defineMetadata(TAGGED_PARAMETER, true, target, key!)],
);

// A method decorator that checks the handler answers through @Tagged() exactly when its operation
// promises an ETag (parameter decorators are applied before the method's).
export const RepliesTagged =
  (etag: boolean): MethodDecorator =>
  (target, key) => {
    const tagged = Reflect.getMetadata(TAGGED_PARAMETER, target, key) === true;
    if (tagged !== etag) {
      const name = `${target.constructor.name}.${String(key)}`;
      throw new Error(etag ? `${name} promises an ETag: answer through a @Tagged() parameter` : `${name} has a @Tagged() parameter but no etag: true`);
    }
  };

// The ETag header of a single resource's 200 response.
export const ETAG_RESPONSE_HEADERS = {
  ETag: {
    description:
      'Strong entity tag of this representation; it changes exactly when the representation does. Send it back ' +
      'in If-None-Match (GET) or If-Match (PATCH).',
    schema: { type: 'string' },
  },
};

// GET of a single resource: If-None-Match, and 304 when it matches (documentation; the handler
// answers through @Tagged()).
export const ConditionalGet = () =>
  applyDecorators(
    ApiHeader({
      name: 'if-none-match',
      required: false,
      description: 'ETag(s) the client holds, or `*`: when one matches the current ETag the answer is 304 with no body',
    }),
    ApiResponse({ status: 304, description: 'Not Modified: If-None-Match matches the current ETag; no body' }),
  );

// PATCH of a single resource: If-Match, checked atomically with the write (by the service, on the
// locked row). Its operation's error examples add PRECONDITION_ERRORS.
export const ConditionalUpdate = () =>
  applyDecorators(
    ApiHeader({
      name: 'if-match',
      required: false,
      description:
        'ETag the change is based on, or `*`: when it does not match the current ETag the answer is 412 and ' +
        'nothing changes (strong comparison; weak tags never match)',
    }),
  );

export const PRECONDITION_ERRORS = { 412: [PRECONDITION_FAILED] };
