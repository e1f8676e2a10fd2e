import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { CursorCodec } from './cursor-codec';
import { PaginationService } from './pagination.service';

@Module({
  providers: [
    { provide: CursorCodec, inject: [AppConfig], useFactory: (config: AppConfig) => new CursorCodec(config.API_KEY_SECRET) },
    PaginationService,
  ],
  exports: [PaginationService],
})
export class PaginationModule {}
