import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { Authenticator } from '../auth/authenticator';
import { AppConfig } from '../config';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { UsersModule } from '../users/users.module';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [AccountsModule, UsersModule],
  controllers: [ApiKeysController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    { provide: Authenticator, useClass: ApiKeyAuthenticator },
    { provide: ApiKeyHasher, inject: [AppConfig], useFactory: (config: AppConfig) => new ApiKeyHasher(config.API_KEY_SECRET) },
  ],
  exports: [ApiKeysRepository, ApiKeyHasher, Authenticator],
})
export class ApiKeysModule {}
