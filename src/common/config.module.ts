import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, loadConfig } from '../config';
import { publicSecretWarning } from './secrets';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule implements OnApplicationBootstrap {
  constructor(private readonly config: AppConfig) {}

  // At every start, so the warning shows in the log of every run, not just the first.
  onApplicationBootstrap(): void {
    const warning = publicSecretWarning(this.config);
    if (warning) new Logger('Config').warn(warning);
  }
}
