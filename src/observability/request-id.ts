import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept when it is short and made of characters that are safe in any log or
// header: letters, digits and . _ - : / + = @. Anything else gets a fresh UUID.
const WELL_FORMED = /^[A-Za-z0-9._\-:/+=@]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomUUID();
}
