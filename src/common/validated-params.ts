import { Body as NestBody, Param as NestParam, PipeTransform, Query as NestQuery } from '@nestjs/common';
import { RequestValidationPipe } from './request-validation.pipe';

// The request's body, query and path parameters, each validated by RequestValidationPipe (the
// 422 bodies of docs/api.md), for the controllers to use in place of Nest's own decorators.
//
// The pipe is bound to these parameters rather than globally (APP_PIPE) because Nest runs a global
// pipe on every parameter, the custom ones (@Auth(), @Tagged()) included, and each parameter with a
// pipe is settled through a chain of awaits: 34 of the 104 promises a get-by-id made (counted with
// an async hook, docs/performance.md, "Promises per request"). A parameter without a pipe is taken
// as it is, with none. src/common/validated-params.spec.ts checks that every body, query and path
// parameter of every route has the pipe, so a controller cannot take Nest's unvalidated ones.
const validation = new RequestValidationPipe();

export const Body = (): ParameterDecorator => NestBody(validation);

export const Query = (): ParameterDecorator => NestQuery(validation);

// A path parameter: validated first (well-formed text), then through `pipes` (e.g. ParsePrefixedIdPipe).
export const Param = (name: string, ...pipes: PipeTransform[]): ParameterDecorator => NestParam(name, validation, ...pipes);
