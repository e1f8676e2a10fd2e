import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { GracefulShutdown } from '../shutdown/graceful-shutdown.service';
import { HealthCheckDocs, LivenessCheckDocs } from './health.docs';
import { HealthResponse } from './health-response.dto';
import { HealthService } from './health.service';

@ApiTags('Public')
@Public()
@Controller('v1/health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get()
  @HealthCheckDocs()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const database = await this.health.databaseState();
    const ready = database === 'connected' && !this.shutdown.isDraining;
    response.status(ready ? 200 : 503);
    const replicas = this.health.replicas();
    return {
      service: 'leadr',
      status: ready ? 'healthy' : 'unhealthy',
      database,
      ...(replicas && { replicas }),
    };
  }

  @Get('live')
  @LivenessCheckDocs()
  live(): { status: string } {
    return { status: 'alive' };
  }
}
