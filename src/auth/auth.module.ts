import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { FailedAuthThrottle } from './failed-auth-throttle';
import { CacheablePrincipal, PrincipalCache } from './principal-cache';
import { PrincipalInvalidation } from './principal-invalidation';

// What authentication keeps in process: the failed-login throttle and the principal cache with its
// invalidation. Imports no feature module.
@Module({
  providers: [
    {
      provide: FailedAuthThrottle,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new FailedAuthThrottle({ limit: config.AUTH_FAILURE_LIMIT, windowMs: config.AUTH_FAILURE_WINDOW_MS }),
    },
    {
      provide: PrincipalCache,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PrincipalCache<CacheablePrincipal>({ ttlMs: config.AUTH_CACHE_TTL_MS, max: config.AUTH_CACHE_MAX }),
    },
    PrincipalInvalidation,
  ],
  exports: [FailedAuthThrottle, PrincipalCache, PrincipalInvalidation],
})
export class AuthModule {}
