import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-validator's verdict on a request DTO, reached without its executor when the input is valid.
//
// `validateSync(instance, { whitelist: true, forbidUnknownValues: false })` looks the class's
// metadata up again on every call (inherited metadata merged, filtered by group, grouped by
// property), and builds a ValidationError for every property, failing or not: ~60 µs of a create's
// body (docs/performance.md, "A plan per request class"). A plan does that lookup once per class
// and keeps, per property, the same constraint instances class-validator calls, in the same order
// and with the same arguments. Run on an instance, it strips what the whitelist strips and answers
// whether every constraint passed. It only ever answers "valid" or "ask class-validator": a
// request it does not pass goes to validateSync, which strips the same properties again and
// describes the errors, so every 422 body is class-validator's own.
//
// A class holding anything a plan does not reproduce (nested or promise validation, asynchronous
// constraints) has no plan, and class-validator validates it as before. src/common/validation-plan.spec.ts
// compares the two verdicts on generated inputs for every request class of the controllers.

type Check = (object: object, value: unknown) => boolean;

interface PropertyPlan {
  readonly name: string;
  // @IsOptional(), @ValidateIf(): when one says no, the property's constraints are not run.
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  // @IsDefined() first, then the other constraints, as class-validator orders them.
  readonly checks: readonly Check[];
}

export interface ValidationPlan {
  // The properties with metadata: the whitelist keeps these and strips the rest.
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

const plans = new WeakMap<object, ValidationPlan | null>();

// The class's plan, made on first use; null when class-validator must validate it itself.
export function validationPlanOf(target: new (...args: never[]) => unknown): ValidationPlan | null {
  let plan = plans.get(target);
  if (plan === undefined) plans.set(target, (plan = makePlan(target)));
  return plan;
}

// True when `instance` passes every constraint of its class (properties without metadata having
// been deleted, as the whitelist does); false when class-validator must look at it.
export function passesPlan(instance: object): boolean {
  const plan = validationPlanOf(instance.constructor as new () => unknown);
  if (plan === null) return false;
  for (const key of Object.keys(instance)) {
    if (!plan.allowed.has(key)) delete (instance as Record<string, unknown>)[key];
  }
  for (const property of plan.properties) {
    const value = (instance as Record<string, unknown>)[property.name];
    if (!property.conditions.every((condition) => condition(instance, value))) continue;
    for (const check of property.checks) if (!check(instance, value)) return false;
  }
  return true;
}

function makePlan(target: new (...args: never[]) => unknown): ValidationPlan | null {
  const storage = getMetadataStorage();
  // The call validateSync makes: no schema, `always` and `strictGroups` off, no groups.
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const [name, all] of Object.entries(grouped)) {
    if (all.length === 0) continue;
    const others = all.filter(({ type }) => type !== ValidationTypes.IS_DEFINED && type !== ValidationTypes.WHITELIST);
    if (others.some(({ type }) => type === ValidationTypes.NESTED_VALIDATION || type === ValidationTypes.PROMISE_VALIDATION)) return null;
    const checks: Check[] = [];
    for (const metadata of [
      ...all.filter(({ type }) => type === ValidationTypes.IS_DEFINED),
      ...others.filter(({ type }) => type === ValidationTypes.CUSTOM_VALIDATION),
    ]) {
      const check = checkOf(target, metadata, storage);
      if (check === null) return null;
      checks.push(check);
    }
    const conditions = others
      .filter(({ type }) => type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((metadata) => metadata.constraints[0] as (object: object, value: unknown) => boolean);
    properties.push({ name, conditions, checks });
  }
  return { allowed: new Set(properties.map(({ name }) => name)), properties };
}

// One metadata's constraints, called as class-validator calls them (ValidationExecutor's
// customValidations), or null when one is asynchronous.
function checkOf(target: new (...args: never[]) => unknown, metadata: ValidationMetadata, storage: MetadataStorage): Check | null {
  const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.some(({ async }) => async)) return null;
  const validators = constraints.map(({ instance }) => instance);
  return (object, value) => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: target.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    for (const validator of validators) {
      if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        if (![...value.values()].every((item: unknown) => validator.validate(item, args))) return false;
      } else if (!validator.validate(value, args)) return false;
    }
    return true;
  };
}
