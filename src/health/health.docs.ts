import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { HealthResponse } from './health-response.dto';
// Operation texts copied verbatim from LEADR's admin API contract.

export const HEALTH_CHECK = {
  summary: "Health Check",
  description: "Health check endpoint.\n\nVerifies that the API is running and can connect to the database.\nReturns degraded status if database connectivity fails.\n\nArgs:\n    db: Database session dependency.\n\nReturns:\n    HealthResponse with API and database status.",
  operationId: "health_check_v1_health_get",
};

export const LIVENESS_CHECK = {
  summary: "Liveness Check",
  description: "Liveness probe endpoint.\n\nSimple HTTP ping for container health checks. Returns immediately\nwithout checking database or other dependencies.",
  operationId: "liveness_check_v1_health_live_get",
};

// The two operations' documentation, each as one decorator (applied bottom first, as if stacked).
export const HealthCheckDocs = () =>
  applyDecorators(
    ApiServiceUnavailableResponse({
      description: 'The database is unreachable or read-only (a standby), or the instance is shutting down',
      type: HealthResponse,
    }),
    ApiOkResponse({ description: 'Successful Response', type: HealthResponse }),
    ApiOperation(HEALTH_CHECK),
  );

export const LivenessCheckDocs = () =>
  applyDecorators(ApiOkResponse({ description: 'Successful Response' }), ApiOperation(LIVENESS_CHECK));
