import 'reflect-metadata';
import { ArgumentMetadata, ExecutionContext, PipeTransform } from '@nestjs/common';
import { CUSTOM_ROUTE_ARGS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { RequestValidationPipe } from './request-validation.pipe';

// The request's body, query and path parameters, validated by RequestValidationPipe (the 422
// bodies of docs/api.md) and then by the parameter's own pipes, for the controllers to use in place
// of Nest's @Body(), @Query() and @Param().
//
// Why not Nest's own with the pipe: Nest settles every parameter that has a pipe through a chain of
// awaits, about eight promises a parameter, and a global pipe (APP_PIPE) runs on every parameter,
// the custom ones (@Auth(), @Tagged()) included: 34 of the 104 promises a get-by-id made, each
// followed by the request id's AsyncLocalStorage (docs/performance.md, "Fewer promises and router
// layers"). These run the same pipes synchronously, while Nest extracts the parameter: Nest takes
// a custom parameter without pipes as it is, and an error thrown there is answered like a pipe's.
//
// How: a parameter of a custom decorator is one entry of the method's route-arguments metadata,
// keyed `<type>:<CUSTOM_ROUTE_ARGS_METADATA>:<index>`. Nest reads that key as custom (it contains
// CUSTOM_ROUTE_ARGS_METADATA) and calls its factory; @nestjs/swagger reads the type before the
// first colon, here Nest's own number for a body, query or path parameter, and documents the
// parameter as it documents @Body(), @Query() and @Param(). src/common/validated-params.spec.ts
// checks that every body, query and path parameter of every route is one of these, and the OpenAPI
// tests (test/openapi.e2e-spec.ts) that the document did not change.
const validation = new RequestValidationPipe();

// Marks the factories of these parameters (for the spec).
export const VALIDATED_PARAMETER = Symbol('validated-parameter');

type Source = RouteParamtypes.BODY | RouteParamtypes.QUERY | RouteParamtypes.PARAM;

const PIPE_TYPES: Record<Source, ArgumentMetadata['type']> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
};

function validated(source: Source, name: string | undefined, pipes: PipeTransform[]): ParameterDecorator {
  return (target, method, index) => {
    if (method === undefined) throw new Error('Request parameters are taken by route handlers only');
    let metadata: ArgumentMetadata | undefined;
    const factory = (_data: unknown, context: ExecutionContext): unknown => {
      // The parameter's declared class, known once the method's decorators have all run.
      metadata ??= {
        type: PIPE_TYPES[source],
        data: name,
        metatype: (Reflect.getMetadata('design:paramtypes', target, method) as ArgumentMetadata['metatype'][])[index],
      };
      const request = context.switchToHttp().getRequest<Request>();
      let value: unknown = source === RouteParamtypes.BODY ? request.body : source === RouteParamtypes.QUERY ? request.query : request.params[name!];
      value = validation.transform(value, metadata);
      for (const pipe of pipes) value = pipe.transform(value, metadata);
      return value;
    };
    Object.defineProperty(factory, VALIDATED_PARAMETER, { value: true });
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, method) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(
      ROUTE_ARGS_METADATA,
      { ...args, [`${source}:${CUSTOM_ROUTE_ARGS_METADATA}:${index}`]: { index, factory, data: name, pipes: [] } },
      target.constructor,
      method,
    );
  };
}

export const Body = (): ParameterDecorator => validated(RouteParamtypes.BODY, undefined, []);

export const Query = (): ParameterDecorator => validated(RouteParamtypes.QUERY, undefined, []);

// A path parameter: validated first (well-formed text), then through `pipes` (e.g. ParsePrefixedIdPipe),
// which must answer synchronously.
export const Param = (name: string, ...pipes: PipeTransform[]): ParameterDecorator => validated(RouteParamtypes.PARAM, name, pipes);
