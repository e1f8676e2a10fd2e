import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { IdempotencyPurger } from './idempotency-purger';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { ResponseCipher } from './response-cipher';

@Module({
  providers: [
    IdempotencyRepository,
    IdempotencyService,
    IdempotencyGuard,
    IdempotencyPurger,
    { provide: ResponseCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new ResponseCipher(config.API_KEY_SECRET) },
  ],
  exports: [IdempotencyService, IdempotencyGuard, IdempotencyPurger],
})
export class IdempotencyModule {}
