import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { API_KEY_STATUSES } from '../api-key.entity';
import type { ApiKeyStatusValue } from '../api-key.entity';
import { API_KEY_STATUS_SCHEMA } from './api-key-status';

export class UpdateAPIKeyRequest {
  @ApiPropertyOptional({ ...API_KEY_STATUS_SCHEMA, description: "Updated status (use 'revoked' to disable key)", nullable: true })
  @IsOptional()
  @IsIn(API_KEY_STATUSES)
  status?: ApiKeyStatusValue | null;

  @ApiPropertyOptional({ title: 'Deleted', description: 'Set to true to soft delete the key', type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean | null;
}
