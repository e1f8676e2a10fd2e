import { ApiProperty } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ title: 'Service', description: 'The name of the service', example: 'leadr' })
  service: string;

  @ApiProperty({
    title: 'Status',
    description: 'Overall API health status (healthy, degraded, or unhealthy)',
    example: 'healthy',
  })
  status: string;

  @ApiProperty({ title: 'Database', description: 'Database connection status', example: 'connected' })
  database: string;
}
