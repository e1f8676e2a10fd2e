import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOM_ROUTE_ARGS_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { VALIDATED_PARAMETER } from './validated-params';

// There is no global validation pipe (validated-params.ts): every body, query and path parameter of
// every route must be one of validated-params.ts's, or its input would reach the handler unvalidated.
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
  factory?: unknown;
}

async function routeArguments(): Promise<Array<{ route: string; type: string; validated: boolean }>> {
  const found: Array<{ route: string; type: string; validated: boolean }> = [];
  for (const file of controllerFiles(join(__dirname, '..'))) {
    for (const exported of Object.values((await import(file)) as Record<string, unknown>)) {
      if (typeof exported !== 'function' || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
      const controller = exported as new (...args: never[]) => object;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        for (const [key, argument] of Object.entries(metadata)) {
          const type = VALIDATED.get(Number(key.split(':')[0]) as RouteParamtypes);
          const validated =
            key.includes(CUSTOM_ROUTE_ARGS_METADATA) && typeof argument.factory === 'function' && VALIDATED_PARAMETER in argument.factory;
          if (type !== undefined) found.push({ route: `${controller.name}.${method}`, type, validated });
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

  it('takes each of them through validated-params.ts (RequestValidationPipe, then its own pipes)', () => {
    const unvalidated = args.filter(({ validated }) => !validated).map(({ route, type }) => `${route} (${type})`);
    expect(unvalidated).toEqual([]);
  });
});
