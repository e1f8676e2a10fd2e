import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

// PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
export const NoNulCharacters = () =>
  Matches(/^[^\u0000]*$/, { message: 'Input should not contain NUL (U+0000) characters' });
