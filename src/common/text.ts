import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

// PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
export const NoNulCharacters = () =>
  Matches(/^[^\u0000]*$/, { message: 'Input should not contain NUL (U+0000) characters' });

// A trimmed, human-entered name (display names, account and key names). Combine with IsDefined
// or IsOptional.
export const NameText = (minLength: number, maxLength: number) =>
  applyDecorators(Trim(), IsString(), MinLength(minLength), MaxLength(maxLength), NoNulCharacters());
