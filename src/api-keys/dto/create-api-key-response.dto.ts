import { ApiProperty, PickType } from '@nestjs/swagger';
import { ApiKey } from '../api-key.entity';
import { APIKeyResponse } from './api-key-response.dto';

export class CreateAPIKeyResponse extends PickType(APIKeyResponse, [
  'id',
  'name',
  'prefix',
  'status',
  'expires_at',
  'scopes',
  'created_at',
] as const) {
  @ApiProperty({ title: 'Key', description: 'Plain text API key. ONLY returned at creation - save this securely!' })
  key: string;

  static fromEntity(apiKey: ApiKey, plainKey: string): CreateAPIKeyResponse {
    const { id, name, prefix, status, expires_at, scopes, created_at } = APIKeyResponse.fromEntity(apiKey);
    return { id, name, key: plainKey, prefix, status, expires_at, scopes, created_at };
  }
}
