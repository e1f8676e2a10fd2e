import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CascadesModule } from '../cascades/cascades.module';
import { EventsModule } from '../events/events.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PaginationModule } from '../pagination/pagination.module';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

@Module({
  imports: [PaginationModule, AuthModule, EventsModule, IdempotencyModule, CascadesModule],
  controllers: [AccountsController],
  providers: [AccountsRepository, AccountsService],
  exports: [AccountsRepository],
})
export class AccountsModule {}
