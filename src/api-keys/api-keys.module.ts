import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthModule } from '../auth/auth.module';
import { Authenticator } from '../auth/authenticator';
import { EventsModule } from '../events/events.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PaginationModule } from '../pagination/pagination.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AppConfig } from '../config';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { UsersModule } from '../users/users.module';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [PaginationModule, AuthModule, RateLimitModule, EventsModule, IdempotencyModule, AccountsModule, UsersModule],
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
