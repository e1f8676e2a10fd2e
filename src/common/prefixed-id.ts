import { Injectable, PipeTransform } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { RequestValidationError } from './errors';
import { parseId } from './ids';
import type { IdPrefix } from './ids';

const message = (prefix: IdPrefix) => `Input should be an id of the form ${prefix}_<uuid>`;

// Body and query fields holding a prefixed id.
export const IsPrefixedId = (prefix: IdPrefix) =>
  ValidateBy({
    name: 'isPrefixedId',
    validator: {
      validate: (value: unknown) => parseId(prefix, value) !== null,
      defaultMessage: () => message(prefix),
    },
  });

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
