import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { HEALTH_CHECK, LIVENESS_CHECK } from './health.docs';
import { HealthResponse } from './health-response.dto';
import { HealthService } from './health.service';

@ApiTags('Public')
@Public()
@Controller('v1/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation(HEALTH_CHECK)
  @ApiOkResponse({ description: 'Successful Response', type: HealthResponse })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable', type: HealthResponse })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const databaseUp = await this.health.databaseIsUp();
    response.status(databaseUp ? 200 : 503);
    return {
      service: 'leadr',
      status: databaseUp ? 'healthy' : 'unhealthy',
      database: databaseUp ? 'connected' : 'disconnected',
    };
  }

  @Get('live')
  @ApiOperation(LIVENESS_CHECK)
  @ApiOkResponse({ description: 'Successful Response' })
  live(): { status: string } {
    return { status: 'alive' };
  }
}
