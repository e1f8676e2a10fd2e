import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplicaHealthResponse {
  @ApiProperty({ title: 'Name', description: 'The replica as host:port/database (no credentials)', example: '10.0.0.12:5432/leadr' })
  name: string;

  @ApiProperty({
    title: 'Status',
    description:
      'streaming: takes reads; lagging: further behind the primary than DATABASE_REPLICA_MAX_LAG_MS, skipped; down: unreachable, promoted or failing, skipped',
    enum: ['streaming', 'lagging', 'down'],
    example: 'streaming',
  })
  status: 'streaming' | 'lagging' | 'down';

  @ApiProperty({
    title: 'Lag (ms)',
    description: 'How long the primary has been past what the replica has replayed, as last polled; null when down',
    type: 'integer',
    nullable: true,
    example: 0,
  })
  lag_ms: number | null;
}

export class HealthResponse {
  @ApiProperty({ title: 'Service', description: 'The name of the service', example: 'leadr' })
  service: string;

  @ApiProperty({
    title: 'Status',
    description: 'Overall API health status (healthy, degraded, or unhealthy)',
    example: 'healthy',
  })
  status: string;

  @ApiProperty({
    title: 'Database',
    description: 'Database connection status: connected, read-only (DATABASE_URL is a standby: writes are refused) or disconnected',
    example: 'connected',
  })
  database: string;

  @ApiPropertyOptional({
    title: 'Replicas',
    description: 'Each read replica (DATABASE_REPLICA_URLS), present only when replicas are configured; never makes the instance unhealthy',
    type: [ReplicaHealthResponse],
  })
  replicas?: ReplicaHealthResponse[];
}
