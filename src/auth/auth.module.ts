import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { CacheablePrincipal, PrincipalCache } from './principal-cache';
import { PrincipalInvalidation } from './principal-invalidation';

// What authentication keeps in process: the principal cache with its invalidation (the failed-auth
// throttle is in rate-limit/, on the rate limits' store). Imports no feature module.
@Module({
  providers: [
    {
      provide: PrincipalCache,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PrincipalCache<CacheablePrincipal>({ ttlMs: config.AUTH_CACHE_TTL_MS, max: config.AUTH_CACHE_MAX }),
    },
    PrincipalInvalidation,
  ],
  exports: [PrincipalCache, PrincipalInvalidation],
})
export class AuthModule {}
