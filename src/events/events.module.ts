import { Module } from '@nestjs/common';
import { ChangeLog } from './change-log';
import { EventRetentionService } from './event-retention.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { PaginationModule } from '../pagination/pagination.module';

// Every feature module records its changes through ChangeLog.
@Module({
  imports: [PaginationModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, ChangeLog, EventRetentionService],
  exports: [ChangeLog],
})
export class EventsModule {}
