import { Controller, Get, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config';
import { Metrics } from './metrics';

// Prometheus scrape endpoint. Public like /v1/health: it holds no tenant data (the README says how
// to keep it internal). With METRICS_PORT set it is served on that port only (MetricsServer). Not part of the API, so not in the OpenAPI document.
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    if (!this.config.METRICS_ENABLED || this.config.METRICS_PORT !== undefined) throw new NotFoundException();
    const body = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.send(body);
  }
}
