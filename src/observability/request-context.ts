import { AsyncLocalStorage } from 'node:async_hooks';

// The id of the request being served, for code that logs through Nest's Logger without the request
// at hand (the exception filter, services, the database module): their lines carry it.
export const requestIdStorage = new AsyncLocalStorage<string>();
