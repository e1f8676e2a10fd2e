import { IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { RequestValidationError } from './errors';
import { PrefixedId } from './prefixed-id';
import { RequestValidationPipe } from './request-validation.pipe';

const UUID = '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41';

class OwnerQuery {
  @IsOptional()
  @PrefixedId('acc')
  account_id?: string;
}

class NamedQuery {
  @IsOptional()
  @IsString()
  name?: string;
}

class Combined extends IntersectionType(NamedQuery, OwnerQuery) {}

class KeyBody {
  @PrefixedId('acc')
  account_id: string;

  @PrefixedId('usr')
  user_id: string;
}

const pipe = new RequestValidationPipe();
const run = (metatype: new () => object, value: object, type: 'body' | 'query' = 'body') =>
  pipe.transform(value, { type, metatype }) as Record<string, unknown>;

describe('PrefixedId fields through the request pipe', () => {
  it('hands the service bare, lowercased UUIDs', () => {
    const body = run(KeyBody, { account_id: `acc_${UUID.toUpperCase()}`, user_id: `usr_${UUID}` });
    expect(body).toEqual({ account_id: UUID, user_id: UUID });
  });

  it('converts fields inherited through IntersectionType and leaves other fields alone', () => {
    expect(run(Combined, { account_id: `acc_${UUID}`, name: 'usr_x' }, 'query')).toEqual({ account_id: UUID, name: 'usr_x' });
  });

  it('leaves an absent optional id absent', () => {
    expect(run(Combined, { name: 'n' }, 'query')).toEqual({ name: 'n' });
  });

  it.each<[string, unknown]>([
    ['another prefix', `usr_${UUID}`],
    ['a bare UUID', UUID],
    ['a number', 42],
    ['an array', [`acc_${UUID}`]],
  ])('refuses %s with a 422 at its location, converting nothing', (_label, value) => {
    let caught: unknown;
    try {
      run(KeyBody, { account_id: value, user_id: `usr_${UUID}` });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestValidationError);
    expect((caught as RequestValidationError).issues.map((issue) => issue.loc)).toEqual([['body', 'account_id']]);
  });
});
