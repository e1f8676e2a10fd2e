import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeysRepository } from './api-keys.repository';

@Module({
  providers: [
    ApiKeysRepository,
    { provide: ApiKeyHasher, inject: [AppConfig], useFactory: (config: AppConfig) => new ApiKeyHasher(config.API_KEY_SECRET) },
  ],
  exports: [ApiKeysRepository, ApiKeyHasher],
})
export class ApiKeysModule {}
