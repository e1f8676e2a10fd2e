import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, IsString, ValidateBy } from 'class-validator';
import { RequestValidationError } from './errors';
import { parseId } from './ids';
import type { IdPrefix } from './ids';

const IS_PREFIXED_ID = 'isPrefixedId';

const message = (prefix: IdPrefix) => `Input should be an id of the form ${prefix}_<uuid>`;

// A body or query field holding a prefixed id (`acc_<uuid>`…). The request pipe validates it and,
// once the whole DTO is valid, replaces it with the bare UUID: services and repositories only ever
// see bare UUIDs. Validation and conversion come from this one decorator, so a field cannot have
// one without the other.
export const PrefixedId = (prefix: IdPrefix) =>
  applyDecorators(
    IsString(),
    ValidateBy({
      name: IS_PREFIXED_ID,
      constraints: [prefix],
      validator: {
        validate: (value: unknown) => parseId(prefix, value) !== null,
        defaultMessage: () => message(prefix),
      },
    }),
  );

type DtoClass = abstract new (...args: never[]) => unknown;

const fieldsByClass = new WeakMap<DtoClass, Array<[string, IdPrefix]>>();

// The prefixed-id fields of a DTO class, inherited ones included (Nest's mapped types copy
// validation metadata, so IntersectionType and PickType keep them).
function prefixedIdFields(dto: DtoClass): Array<[string, IdPrefix]> {
  let fields = fieldsByClass.get(dto);
  if (!fields) {
    fields = getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .filter((metadata) => metadata.name === IS_PREFIXED_ID)
      .map((metadata) => [metadata.propertyName, metadata.constraints[0] as IdPrefix]);
    fieldsByClass.set(dto, fields);
  }
  return fields;
}

// Called on a validated DTO instance.
export function convertPrefixedIds(instance: object): void {
  const record = instance as Record<string, unknown>;
  for (const [field, prefix] of prefixedIdFields(instance.constructor as DtoClass)) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const uuid = parseId(prefix, value);
    if (uuid === null) throw new Error(`Unvalidated ${prefix} id in ${instance.constructor.name}.${field}`);
    record[field] = uuid;
  }
}

// Path parameters holding a prefixed id; the handler receives the bare UUID.
@Injectable()
export class ParsePrefixedIdPipe implements PipeTransform<string, string> {
  constructor(private readonly prefix: IdPrefix) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    const uuid = parseId(this.prefix, value);
    if (uuid === null) {
      throw new RequestValidationError([
        { loc: ['path', metadata.data ?? 'id'], msg: message(this.prefix), type: 'value_error' },
      ]);
    }
    return uuid;
  }
}
