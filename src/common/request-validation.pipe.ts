import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { validateSync, ValidationError, ValidatorOptions } from 'class-validator';
import { RequestValidationError, ValidationIssue } from './errors';
import { convertPrefixedIds } from './prefixed-id';
import { assertWellFormedStrings } from './unicode';
import { instanceOf } from './transform-plan';
import { passesPlan } from './validation-plan';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

// Pydantic's error type (and, where fixed, its message) for each class-validator constraint,
// so clients written against LEADR's FastAPI see the same 422 bodies.
const CONSTRAINT_TYPES: Record<string, { type: string; msg?: string }> = {
  isDefined: { type: 'missing', msg: 'Field required' },
  isString: { type: 'string_type', msg: 'Input should be a valid string' },
  isBoolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  isInt: { type: 'int_parsing', msg: 'Input should be a valid integer' },
  min: { type: 'greater_than_equal' },
  max: { type: 'less_than_equal' },
  minLength: { type: 'string_too_short' },
  maxLength: { type: 'string_too_long' },
  isEmail: { type: 'value_error', msg: 'value is not a valid email address' },
  isEnum: { type: 'enum' },
  isIn: { type: 'enum' },
  isISO8601: { type: 'datetime_parsing', msg: 'Input should be a valid datetime' },
};
// The first failing constraint in this order is reported, as pydantic reports one error per field.
const PRIORITY = ['isDefined', 'isString', 'isBoolean', 'isInt', 'isEnum', 'isIn', 'isISO8601'];

function locRoot(metadata: ArgumentMetadata): string {
  return metadata.type === 'param' ? 'path' : metadata.type;
}

function flatten(errors: ValidationError[], loc: (string | number)[]): ValidationIssue[] {
  return errors.flatMap((error) => {
    const here = [...loc, error.property];
    const issues: ValidationIssue[] = [];
    if (error.constraints) {
      const names = Object.keys(error.constraints);
      const name = PRIORITY.find((p) => names.includes(p)) ?? names[0];
      const known = CONSTRAINT_TYPES[name];
      issues.push({
        loc: here,
        msg: known?.msg ?? error.constraints[name],
        type: known?.type ?? 'value_error',
      });
    }
    return issues.concat(flatten(error.children ?? [], here));
  });
}

@Injectable()
export class RequestValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { metatype } = metadata;
    if (metadata.type === 'custom') return value;
    const root = locRoot(metadata);
    assertWellFormedStrings(value, metadata.data ? [root, metadata.data] : [root]);
    if (!metatype || PRIMITIVES.includes(metatype)) return value;
    if (value === undefined && root === 'body') {
      throw new RequestValidationError([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new RequestValidationError([
        {
          loc: [root],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          type: 'model_attributes_type',
        },
      ]);
    }
    return validated(metatype, value, root);
  }
}

// What validation-plan.ts reproduces: the whitelist strips undeclared properties, unknown values pass.
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

function validated(metatype: new () => unknown, value: object, root: string): object {
  const instance = instanceOf(metatype as new () => object, value as Record<string, unknown>);
  // The class's validation plan answers for a valid input; anything else, class-validator
  // itself, whose errors make the 422 body (validation-plan.ts).
  if (!passesPlan(instance)) {
    const errors = validateSync(instance, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw new RequestValidationError(flatten(errors, [root]));
  }
  convertPrefixedIds(instance);
  return instance;
}
