import { ApiPropertyOptions } from '@nestjs/swagger';
import { USER_ROLES } from '../user.entity';

// Shared by every DTO with a role, so the OpenAPI document has one `UserRole` schema.
export const USER_ROLE_SCHEMA: ApiPropertyOptions = {
  enum: USER_ROLES,
  enumName: 'UserRole',
  enumSchema: {
    description:
      "A user's role in its account. admin: manages the account's users and API keys. member: reads the " +
      "account's users and manages only itself and its own API keys.",
  },
};
