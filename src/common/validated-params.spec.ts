import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { RequestValidationPipe } from './request-validation.pipe';

// The validation pipe is bound per parameter (validated-params.ts), not globally: every body,
// query and path parameter of every route must have it, first, or its input would reach the handler
// unvalidated.
const VALIDATED = new Map([
  [RouteParamtypes.BODY, 'body'],
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.PARAM, 'path'],
]);

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

interface RouteArgument {
  index: number;
  pipes?: unknown[];
}

async function routeArguments(): Promise<Array<{ route: string; type: string; pipes: unknown[] }>> {
  const found: Array<{ route: string; type: string; pipes: unknown[] }> = [];
  for (const file of controllerFiles(join(__dirname, '..'))) {
    for (const exported of Object.values((await import(file)) as Record<string, unknown>)) {
      if (typeof exported !== 'function' || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
      const controller = exported as new (...args: never[]) => object;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        for (const [key, argument] of Object.entries(metadata)) {
          const type = VALIDATED.get(Number(key.split(':')[0]) as RouteParamtypes);
          if (type !== undefined) found.push({ route: `${controller.name}.${method}`, type, pipes: argument.pipes ?? [] });
        }
      }
    }
  }
  return found;
}

describe('request validation on every route', () => {
  let args: Awaited<ReturnType<typeof routeArguments>>;

  beforeAll(async () => {
    args = await routeArguments();
  });

  it('finds the body, query and path parameters of the controllers', () => {
    // users, accounts, api keys and events all take each kind.
    for (const type of VALIDATED.values()) expect(args.filter((arg) => arg.type === type).length).toBeGreaterThanOrEqual(4);
  });

  it('runs RequestValidationPipe first on each of them', () => {
    const unvalidated = args.filter(({ pipes }) => !(pipes[0] instanceof RequestValidationPipe)).map(({ route, type }) => `${route} (${type})`);
    expect(unvalidated).toEqual([]);
  });
});
