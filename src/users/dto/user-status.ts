import { ApiPropertyOptions } from '@nestjs/swagger';
import { USER_STATUSES } from '../user.entity';

// Shared by every DTO with a user status, so the OpenAPI document has one `UserStatus` schema,
// described as in LEADR's document (Swagger copies `enumSchema` onto the shared schema).
export const USER_STATUS_SCHEMA: ApiPropertyOptions = {
  enum: USER_STATUSES,
  enumName: 'UserStatus',
  enumSchema: { description: 'User status enum.\n\nRepresents the lifecycle state of a user.' },
};
