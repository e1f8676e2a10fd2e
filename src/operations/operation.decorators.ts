import { applyDecorators, Get, HttpCode, Patch, Post, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiOperationOptions, ApiParam, ApiParamOptions } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { RequiresScope } from '../auth/required-scope.decorator';
import type { ApiKeyScope } from '../auth/scopes';
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
  // The API key scope the operation needs: checked by the AuthGuard, stated in the description and
  // as `x-required-scope`.
  scope: ApiKeyScope;
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

export const scopeSentence = (scope: ApiKeyScope) => `Required API key scope: \`${scope}\` (else 403).`;

// The guard's refusal joins the operation's documented 403s.
const withScopeError = (errors: OperationErrors, scope: ApiKeyScope): OperationErrors => ({
  ...errors,
  403: [...(errors[403] ?? []), `This API key lacks the ${scope} scope`],
});

// The operation's OpenAPI text with its scope, the extension, and the guard's metadata.
const operationWithScope = (docs: ApiOperationOptions, scope: ApiKeyScope) => [
  ApiOperation({ ...docs, description: `${docs.description ?? ''}\n\n${scopeSentence(scope)}` }),
  ApiExtension('x-required-scope', scope),
  RequiresScope(scope),
];

export const CreateOperation = ({ docs, response, errors, scope, path }: OperationSpec & { path?: string }) =>
  stacked(
    Post(path),
    HttpCode(201),
    ...operationWithScope(docs, scope),
    ApiCreatedResponse({ description: SUCCESS, type: response, headers: REPLAYED_RESPONSE_HEADERS }),
    Idempotent(),
    Authenticated(withScopeError(errors, scope)),
  );

export const ListOperation = ({ docs, response, errors, scope }: OperationSpec) =>
  stacked(Get(), ...operationWithScope(docs, scope), ApiOkResponse({ description: SUCCESS, type: response }), Authenticated(withScopeError(errors, scope)));

// A single resource read or changed: with `etag`, the ETag the document promises (sent by the
// handler through @Tagged(), which RepliesTagged checks), and the conditional header of the method
// (If-None-Match and 304, or If-Match).
const resourceOperation = (
  route: MethodDecorator,
  conditional: () => MethodDecorator,
  { param, docs, response, errors, etag, scope }: ResourceOperationSpec,
) =>
  stacked(
    route,
    ...operationWithScope(docs, scope),
    ApiParam(param),
    ...(etag
      ? [
          ApiOkResponse({ description: SUCCESS, type: response, headers: ETAG_RESPONSE_HEADERS }),
          conditional(),
        ]
      : [ApiOkResponse({ description: SUCCESS, type: response })]),
    RepliesTagged(etag === true),
    Authenticated(withScopeError(errors, scope)),
  );

export const GetOneOperation = (spec: ResourceOperationSpec) => resourceOperation(Get(spec.path), ConditionalGet, spec);

export const UpdateOperation = (spec: ResourceOperationSpec) => resourceOperation(Patch(spec.path), ConditionalUpdate, spec);
