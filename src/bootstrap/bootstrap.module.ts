import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { EventsModule } from '../events/events.module';
import { UsersModule } from '../users/users.module';
import { SuperadminBootstrapService } from './superadmin-bootstrap.service';

// First start: the system account, a superadmin and its key. Sits above the feature modules it
// writes through.
@Module({
  imports: [EventsModule, AccountsModule, UsersModule, ApiKeysModule],
  providers: [SuperadminBootstrapService],
})
export class BootstrapModule {}
