import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import * as transformer from 'class-transformer';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsDefined, IsEmail, IsOptional, IsString, MaxLength, validateSync, ValidateNested, ValidationTypes } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import fc from 'fast-check';
import { routeParameters } from '../../test/helpers/route-parameters';
import { VALIDATOR_OPTIONS } from './request-validation.pipe';
import { instanceOf } from './transform-plan';
import { passesPlan, validationPlanOf } from './validation-plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- not in class-transformer's index (transform-plan.ts)
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

type RequestClass = new () => object;

// The classes the controllers take as a body or a query.
async function requestClasses(): Promise<RequestClass[]> {
  const classes = new Set<RequestClass>();
  for (const { key, metatype } of await routeParameters()) {
    const type = Number(key.split(':')[0]);
    if (type !== RouteParamtypes.BODY && type !== RouteParamtypes.QUERY) continue;
    if (typeof metatype === 'function' && ![String, Number, Boolean, Object, Array].includes(metatype as never)) {
      classes.add(metatype as RequestClass);
    }
  }
  return [...classes];
}

interface SwaggerProperty {
  example?: unknown;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

// Values for one property: its documented example and enum values (so that many inputs are
// valid), the edges of its documented bounds, and values of every other kind.
function valuesFor(target: RequestClass, property: string, required: boolean): fc.Arbitrary<unknown> {
  const documented = (Reflect.getMetadata('swagger/apiModelProperties', target.prototype, property) ?? {}) as SwaggerProperty;
  const plausible: unknown[] = [];
  if (documented.example !== undefined) plausible.push(documented.example);
  for (const value of documented.enum ?? []) plausible.push(value, [value], String(value));
  for (const length of [documented.minLength, documented.maxLength]) {
    if (length !== undefined) plausible.push('x'.repeat(Math.max(0, length - 1)), 'x'.repeat(length), 'x'.repeat(length + 1));
  }
  for (const bound of [documented.minimum, documented.maximum]) {
    if (bound !== undefined) plausible.push(bound - 1, bound, bound + 1, String(bound), String(bound + 1));
  }
  const future = new Date(Date.now() + 86_400_000 * 30).toISOString();
  const junk = fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      '',
      ' ',
      'acc_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41',
      'usr_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41',
      'a@example.com',
      ' b@example.org ',
      'not an email',
      future,
      '2001-01-01T00:00:00Z',
      '20',
      '0',
      '-1',
      'true',
      true,
      1,
      1.5,
      [],
      {},
      'a\u0000b',
    ),
    fc.string({ maxLength: 12 }),
    fc.emailAddress(),
    fc.integer({ min: -5, max: 1_000 }),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  );
  // Mostly absent or plausible: with a dozen properties, most inputs must still be valid.
  return fc.oneof(
    { arbitrary: fc.constant(ABSENT), weight: required ? 1 : 5 },
    { arbitrary: fc.constantFrom(...(plausible.length > 0 ? plausible : [''])), weight: 4 },
    { arbitrary: junk, weight: 1 },
  );
}

const ABSENT = Symbol('absent');

// Plain inputs for the class: each of its properties present or not, and sometimes one it does not declare.
function inputsFor(target: RequestClass): fc.Arbitrary<Record<string, unknown>> {
  const storage = getMetadataStorage();
  const properties = storage.groupByPropertyName(storage.getTargetValidationMetadatas(target, '', false, false));
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [property, metadatas] of Object.entries(properties)) {
    shape[property] = valuesFor(target, property, metadatas.some(({ type }) => type === ValidationTypes.IS_DEFINED));
  }
  shape.undeclared = fc.oneof(fc.constant(ABSENT), fc.string({ maxLength: 4 }));
  return fc
    .record(shape)
    .map((input) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ABSENT)));
}

describe('validation plans (validation-plan.ts)', () => {
  let classes: RequestClass[];
  beforeAll(async () => {
    classes = await requestClasses();
  });

  it('exist for every class the controllers take as a body or a query', () => {
    expect(classes.length).toBeGreaterThanOrEqual(10);
    expect(classes.filter((target) => validationPlanOf(target) === null).map(({ name }) => name)).toEqual([]);
  });

  it("give class-transformer's instance and class-validator's verdict on generated inputs", () => {
    for (const target of classes) {
      let valid = 0;
      let invalid = 0;
      fc.assert(
        fc.property(inputsFor(target), (input) => {
          const planned = instanceOf(target, structuredClone(input));
          const checked = plainToInstance(target, structuredClone(input));
          const passes = passesPlan(planned);
          const errors = validateSync(checked, VALIDATOR_OPTIONS);
          expect({ target: target.name, input, passes }).toEqual({ target: target.name, input, passes: errors.length === 0 });
          if (passes) valid++;
          else {
            invalid++;
            // The 422 is class-validator's, on the plan's instance.
            expect(validateSync(planned, VALIDATOR_OPTIONS)).toEqual(errors);
          }
          expect(Object.getPrototypeOf(planned)).toBe(target.prototype);
          expect({ ...planned }).toEqual({ ...checked });
        }),
        { numRuns: 400 },
      );
      // The generator reaches both verdicts for every class (the rarest, ~25 valid inputs in 400).
      expect({ target: target.name, valid: valid >= 5, invalid: invalid >= 5 }).toEqual({ target: target.name, valid: true, invalid: true });
    }
  });

  it('transform a class metadata looked up once, and leave objects and arrays to class-transformer', () => {
    class Probe {
      @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
      @IsDefined()
      name: string;

      @IsOptional()
      @IsString({ each: true })
      tags?: string[];
    }
    const lookup = jest.spyOn(defaultMetadataStorage, 'findTransformMetadatas');
    const convert = jest.spyOn(transformer, 'plainToInstance');
    try {
      expect(instanceOf(Probe, { name: ' a ', extra: 1 })).toEqual(Object.assign(new Probe(), { name: 'a' }));
      expect(instanceOf(Probe, { name: ' b ' })).toEqual(Object.assign(new Probe(), { name: 'b' }));
      expect(lookup).toHaveBeenCalledTimes(2);
      expect(convert).not.toHaveBeenCalled();
      const tagged = instanceOf(Probe, { name: 'c', tags: ['x'] });
      expect(convert).toHaveBeenCalledTimes(1);
      expect(tagged).toEqual(Object.assign(new Probe(), { name: 'c', tags: ['x'] }));
    } finally {
      lookup.mockRestore();
      convert.mockRestore();
    }
  });

  it('looks a class metadata up once, not on every input', () => {
    class Probe {
      @IsDefined()
      @MaxLength(320)
      @IsEmail()
      email: string;
    }
    const lookup = jest.spyOn(getMetadataStorage(), 'getTargetValidationMetadatas');
    try {
      for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
        expect(passesPlan(plainToInstance(Probe, { email, extra: 1 }))).toBe(true);
      }
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
    }
  });

  it('answers "ask class-validator" for an invalid input, and leaves classes with nested validation to it', () => {
    class Inner {
      @IsOptional()
      @IsEmail()
      email?: string;
    }
    class Outer {
      @ValidateNested()
      inner: Inner;
    }
    class Probe {
      @IsDefined()
      @IsEmail()
      email: string;
    }
    expect(passesPlan(plainToInstance(Probe, { email: 'nope' }))).toBe(false);
    expect(passesPlan(plainToInstance(Probe, {}))).toBe(false);
    expect(validationPlanOf(Outer)).toBeNull();
    expect(passesPlan(plainToInstance(Outer, { inner: {} }))).toBe(false);
    expect(validationPlanOf(Inner)).not.toBeNull();
  });
});
