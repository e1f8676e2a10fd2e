import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { UsersModule } from '../users/users.module';
import { AuthService } from './auth.service';
import { SuperadminBootstrapService } from './superadmin-bootstrap.service';

@Module({
  imports: [AccountsModule, ApiKeysModule, UsersModule],
  providers: [AuthService, SuperadminBootstrapService],
  exports: [AuthService],
})
export class AuthModule {}
