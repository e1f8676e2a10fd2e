import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AfterRoutes } from './app.setup';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ConfigModule } from './common/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ObservabilityModule } from './observability/observability.module';
import { PaginationModule } from './pagination/pagination.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ShutdownModule } from './shutdown/shutdown.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    PaginationModule,
    AuthModule,
    RateLimitModule,
    EventsModule,
    IdempotencyModule,
    AccountsModule,
    ApiKeysModule,
    UsersModule,
    BootstrapModule,
    HealthModule,
    ObservabilityModule,
    ShutdownModule,
  ],
  providers: [
    AfterRoutes,
    // In this order: the budgets are a key's and an account's, known once the AuthGuard has run.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
