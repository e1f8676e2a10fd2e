import { applyDecorators, Get, HttpCode, Patch, Post, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiOperationOptions, ApiParam, ApiParamOptions } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ConditionalGet, ConditionalUpdate, ETAG_RESPONSE_HEADERS, RepliesTagged } from '../common/conditional.decorator';
import type { OperationErrors } from '../common/error-examples';
import { Idempotent, REPLAYED_RESPONSE_HEADERS } from '../idempotency/idempotent.decorator';

// One decorator per kind of authenticated operation: the route, its OpenAPI operation, success
// response and errors, and what the kind implies (Idempotency-Key on a create; on a single
// resource with `etag`, the ETag the document promises, a check that the handler sends it through
// a @Tagged() parameter, If-None-Match/304 on a get, If-Match on an update).
export interface OperationSpec {
  docs: ApiOperationOptions;
  response: Type<unknown>;
  errors: OperationErrors;
}

export interface ResourceOperationSpec extends OperationSpec {
  path: string;
  param: ApiParamOptions;
  etag?: true;
}

const SUCCESS = 'Successful Response';

// Listed as they would be stacked on a handler (top first); decorators stacked on a method apply
// bottom first, and the OpenAPI document lists headers and responses in that order.
const stacked = (...decorators: Array<MethodDecorator | ClassDecorator>) => applyDecorators(...decorators.reverse());

export const CreateOperation = ({ docs, response, errors }: OperationSpec) =>
  stacked(
    Post(),
    HttpCode(201),
    ApiOperation(docs),
    ApiCreatedResponse({ description: SUCCESS, type: response, headers: REPLAYED_RESPONSE_HEADERS }),
    Idempotent(),
    Authenticated(errors),
  );

export const ListOperation = ({ docs, response, errors }: OperationSpec) =>
  stacked(Get(), ApiOperation(docs), ApiOkResponse({ description: SUCCESS, type: response }), Authenticated(errors));

// A single resource read or changed: with `etag`, the ETag the document promises (sent by the
// handler through @Tagged(), which RepliesTagged checks), and the conditional header of the method
// (If-None-Match and 304, or If-Match).
const resourceOperation = (
  route: MethodDecorator,
  conditional: () => MethodDecorator,
  { param, docs, response, errors, etag }: ResourceOperationSpec,
) =>
  stacked(
    route,
    ApiOperation(docs),
    ApiParam(param),
    ...(etag
      ? [
          ApiOkResponse({ description: SUCCESS, type: response, headers: ETAG_RESPONSE_HEADERS }),
          conditional(),
        ]
      : [ApiOkResponse({ description: SUCCESS, type: response })]),
    RepliesTagged(etag === true),
    Authenticated(errors),
  );

export const GetOneOperation = (spec: ResourceOperationSpec) => resourceOperation(Get(spec.path), ConditionalGet, spec);

export const UpdateOperation = (spec: ResourceOperationSpec) => resourceOperation(Patch(spec.path), ConditionalUpdate, spec);
