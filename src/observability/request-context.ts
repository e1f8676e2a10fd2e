import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

// The logger of the request being served (it carries the request id), for code that logs through
// Nest's Logger without the request at hand: the exception filter, services, the database module.
export const requestLoggerStorage = new AsyncLocalStorage<Logger>();
