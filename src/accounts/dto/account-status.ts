import { ApiPropertyOptions } from '@nestjs/swagger';
import { ACCOUNT_STATUSES } from '../account.entity';

// Shared by every DTO with a status, so the OpenAPI document has one `AccountStatus` schema.
export const ACCOUNT_STATUS_SCHEMA: ApiPropertyOptions = { enum: ACCOUNT_STATUSES, enumName: 'AccountStatus' };
