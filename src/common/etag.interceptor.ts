import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { EntityTagCondition, etagOf } from './etag';

// Gives a single resource's response its strong ETag; a GET whose If-None-Match matches it is
// answered 304 with no body. Declared by the operation decorators (GetOneOperation,
// UpdateOperation with `etag: true`) together with the ETag the OpenAPI document promises.
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((representation: unknown) => {
        const etag = etagOf(representation);
        response.setHeader('ETag', etag);
        const safe = request.method === 'GET' || request.method === 'HEAD';
        if (safe && EntityTagCondition.parse(request.header('if-none-match'))?.matchesWeakly(etag)) {
          response.status(304);
          return undefined;
        }
        return representation;
      }),
    );
  }
}
