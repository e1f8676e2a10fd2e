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
