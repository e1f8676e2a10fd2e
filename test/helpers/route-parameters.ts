import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';

// Every parameter of every route handler of the controllers under `src/`, read from Nest's
// route-arguments metadata (for the specs that check what all routes do with their input).
export interface RouteParameter {
  // `Controller.method`
  route: string;
  // The metadata's key: `<type>:<index>` for Nest's own, `<type>:<CUSTOM_ROUTE_ARGS_METADATA>:<index>` for a custom one.
  key: string;
  factory?: unknown;
  // The parameter's declared class (design:paramtypes).
  metatype: unknown;
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

export async function routeParameters(): Promise<RouteParameter[]> {
  const found: RouteParameter[] = [];
  for (const file of controllerFiles(join(__dirname, '..', '..', 'src'))) {
    for (const exported of Object.values((await import(file)) as Record<string, unknown>)) {
      if (typeof exported !== 'function' || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
      const controller = exported as new (...args: never[]) => object;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; factory?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        for (const [key, argument] of Object.entries(metadata)) {
          found.push({ route: `${controller.name}.${method}`, key, factory: argument.factory, metatype: types[argument.index] });
        }
      }
    }
  }
  return found;
}
