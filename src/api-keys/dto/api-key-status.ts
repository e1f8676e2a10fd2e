import { ApiPropertyOptions } from '@nestjs/swagger';
import { API_KEY_STATUSES } from '../api-key.entity';

// Shared by every DTO with a status, so the OpenAPI document has one `APIKeyStatus` schema.
export const API_KEY_STATUS_SCHEMA: ApiPropertyOptions = { enum: API_KEY_STATUSES, enumName: 'APIKeyStatus' };
