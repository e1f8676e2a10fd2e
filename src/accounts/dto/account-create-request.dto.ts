import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NameText } from '../../common/text';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../slug';

export class AccountCreateRequest {
  @ApiProperty({ title: 'Name', description: 'Account name (2-100 characters)', minLength: 2, maxLength: 100, example: 'Acme Games' })
  @IsDefined()
  @NameText(2, 100)
  name: string;

  @ApiPropertyOptional({
    title: 'Slug',
    description: 'Optional URL-friendly slug (globally unique). If not provided, will be auto-generated from name',
    type: String,
    nullable: true,
    pattern: SLUG_PATTERN.source,
    maxLength: SLUG_MAX_LENGTH,
    example: 'acme-games',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug may contain only lowercase letters, digits and hyphens' })
  slug?: string | null;
}
