import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { NameText, Trim } from '../../common/text';

// Every field is optional; null means "leave unchanged", as in LEADR.
export class UserUpdateRequest {
  @ApiPropertyOptional({
    title: 'Email',
    description: 'Updated email address',
    format: 'email',
    type: String,
    nullable: true,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({
    title: 'Display Name',
    description: 'Updated display name',
    type: String,
    nullable: true,
    minLength: 2,
    maxLength: 100,
  })
  @IsOptional()
  @NameText(2, 100)
  display_name?: string | null;

  @ApiPropertyOptional({
    title: 'Super Admin',
    description: 'Set superadmin privileges (true/false)',
    type: Boolean,
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  super_admin?: boolean | null;

  @ApiPropertyOptional({
    title: 'Deleted',
    description: 'Set to true to soft delete the user',
    type: Boolean,
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean | null;
}
