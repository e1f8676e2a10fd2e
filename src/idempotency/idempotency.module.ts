import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { IdempotencyPurger } from './idempotency-purger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { ResponseCipher } from './response-cipher';

@Module({
  providers: [
    IdempotencyRepository,
    IdempotencyService,
    IdempotencyInterceptor,
    IdempotencyPurger,
    { provide: ResponseCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new ResponseCipher(config.API_KEY_SECRET) },
  ],
  exports: [IdempotencyService, IdempotencyInterceptor, IdempotencyPurger],
})
export class IdempotencyModule {}
