import { ApiPropertyOptions } from '@nestjs/swagger';
import { USER_STATUSES } from '../user.entity';

// Shared by every DTO with a user status, so the OpenAPI document has one `UserStatus` schema.
export const USER_STATUS_SCHEMA: ApiPropertyOptions = { enum: USER_STATUSES, enumName: 'UserStatus' };
