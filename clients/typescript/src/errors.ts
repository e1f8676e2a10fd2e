import type { components } from './schema';

export type ValidationIssue = components['schemas']['ValidationError'];

// A response other than 2xx, with what the server said: `detail` (FastAPI's message; for a 422 the
// issues joined into one line, each issue in `issues`), the request id to find it in the server's
// logs, and Retry-After for a 429.
export class LeadrApiError extends Error {
  override readonly name = 'LeadrApiError';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly issues: ValidationIssue[],
    readonly requestId: string | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${status} ${detail}`);
  }

  static fromResponse(response: Response, body: unknown): LeadrApiError {
    const detail = (body as { detail?: unknown } | null | undefined)?.detail;
    const issues = Array.isArray(detail) ? (detail as ValidationIssue[]) : [];
    const message =
      typeof detail === 'string'
        ? detail
        : issues.length > 0
          ? issues.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; ')
          : typeof body === 'string' && body !== ''
            ? body
            : response.statusText || `HTTP ${response.status}`;
    const retryAfter = response.headers.get('retry-after');
    return new LeadrApiError(
      response.status,
      message,
      issues,
      response.headers.get('x-request-id'),
      retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null,
    );
  }
}
