import { ClassTransformOptions, plainToInstance, TransformationType } from 'class-transformer';
import type { TransformFnParams } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationPlanOf } from './validation-plan';

// class-transformer's metadata and the options it starts from: not in its index, but in its
// package (no exports map), with their types beside them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { defaultOptions } = require('class-transformer/cjs/constants/default-options.constant') as {
  defaultOptions: Partial<ClassTransformOptions>;
};

// `plainToInstance(target, body)` for a request body, as the validation that follows sees it,
// without class-transformer's executor: the @Transform() functions of the class's validated
// properties looked up once, then called on each as class-transformer calls them (~20 µs of a
// create's body, docs/performance.md, "A plan per request class"). Properties without validation
// metadata are not copied: class-transformer would copy them and the validation's whitelist would
// delete them (validation-plan.ts), so what reaches the handler is the same.
//
// What a plan does not reproduce goes to plainToInstance itself: a class without a validation plan,
// with @Type(), @Expose() or @Exclude() metadata or a strategy, and an input whose validated
// properties hold an object or an array (class-transformer copies those deeply, by its own rules).
// src/common/validation-plan.spec.ts compares the two on generated inputs for every request class
// of the controllers.

type Target = new () => object;
type TransformFn = (params: TransformFnParams) => unknown;

interface TransformPlan {
  // The validated properties class-transformer would set, each with its @Transform() functions
  // (often none).
  readonly properties: ReadonlyArray<readonly [string, readonly TransformFn[]]>;
}

const plans = new WeakMap<Target, TransformPlan | null>();

// What plainToInstance hands the @Transform() functions as `options` when it is given none.
const OPTIONS = Object.freeze({ ...defaultOptions });

export function instanceOf(target: Target, plain: Record<string, unknown>): object {
  let plan = plans.get(target);
  if (plan === undefined) plans.set(target, (plan = makePlan(target)));
  if (plan === null) return plainToInstance(target, plain);
  for (const [key] of plan.properties) {
    const value = plain[key];
    if (typeof value === 'object' && value !== null) return plainToInstance(target, plain);
  }
  const instance = new target() as Record<string, unknown>;
  for (const [key, transforms] of plan.properties) {
    // class-transformer leaves alone a property whose value on the new instance is a function.
    if (!Object.hasOwn(plain, key) || instance[key] instanceof Function) continue;
    let value = plain[key];
    for (const transform of transforms) {
      value = transform({ value, key, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options: OPTIONS });
    }
    instance[key] = value;
  }
  return instance;
}

function makePlan(target: Target): TransformPlan | null {
  const validation = validationPlanOf(target);
  const storage = defaultMetadataStorage;
  if (validation === null || storage.getStrategy(target) !== 'none') return null;
  if (storage.getExposedMetadatas(target).length > 0 || storage.getExcludedMetadatas(target).length > 0) return null;
  const properties: Array<[string, TransformFn[]]> = [];
  for (const key of validation.allowed) {
    if (key === '__proto__' || key === 'constructor' || storage.findTypeMetadata(target, key)) return null;
    // class-transformer leaves alone a property the class's prototype defines as a method or as an
    // accessor without a setter: the prototype does not change, so that is decided here, once.
    const descriptor = Object.getOwnPropertyDescriptor(target.prototype, key);
    if (descriptor && !descriptor.set) continue;
    const transforms = storage
      .findTransformMetadatas(target, key, TransformationType.PLAIN_TO_CLASS)
      // As class-transformer filters them when no groups are asked for.
      .filter(({ options }) => !options || !options.groups || !options.groups.length)
      .map(({ transformFn }) => transformFn);
    properties.push([key, transforms]);
  }
  return { properties };
}
