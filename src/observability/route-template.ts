import type { Request } from 'express';

// The route as declared (`/v1/users/:user_id`), never the URL with its ids: bounded in number, so
// it can label metrics, and free of whatever a caller put in the path. Static files (Swagger UI's)
// are named by their mount point; anything that matched no route is null.
export function routeTemplate(request: Request): string | null {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return path;
  return request.baseUrl ? `${request.baseUrl}/*` : null;
}
