import { AsyncLocalStorage } from 'node:async_hooks';

// The id of the request being served, for code that logs through Nest's Logger without the request
// at hand (the exception filter, services, the database module): their lines carry it. In the
// lowest layer, so that any layer can put a line back into its request (`inRequest`).
export const requestIdStorage = new AsyncLocalStorage<string>();

// Runs `work` as part of the request `requestId` (captured earlier with requestIdStorage.getStore()),
// or as it is when there was none: for callbacks that run in another async context than the request
// they serve (pg's run in their connection's, i.e. the request that opened it, or none).
export function inRequest<T>(requestId: string | undefined, work: () => T): T {
  return requestId === undefined ? work() : requestIdStorage.run(requestId, work);
}
