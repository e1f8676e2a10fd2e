import { Module } from '@nestjs/common';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { PaginationModule } from '../pagination/pagination.module';
import { UsersRepository } from '../users/users.repository';
import { DeleteCascades } from './delete-cascades';

// The one place that knows what hangs off what (account → users → keys). The accounts and users
// services call it next to their deletes; it registers the two stateless repositories it writes
// through itself, so that importing it pulls in no feature module (no cycle with accounts/users).
@Module({
  imports: [AuthModule, EventsModule, PaginationModule],
  providers: [UsersRepository, ApiKeysRepository, DeleteCascades],
  exports: [DeleteCascades],
})
export class CascadesModule {}
