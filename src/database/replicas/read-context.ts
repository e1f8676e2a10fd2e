import { AsyncLocalStorage } from 'node:async_hooks';
import { Lsn } from './lsn';

// What the read routing needs to know about the request being served: which API key it is made
// with (read-your-writes per key), the Consistency-Token it sent, and where to announce the WAL
// position of a write it commits (the response's Consistency-Token). Only kept when replicas are
// configured: without them no request allocates one.
export class ReadContext {
  keyId: string | null = null;

  constructor(
    readonly token: Lsn | null,
    private readonly announce: (position: Lsn) => void,
  ) {}

  committed(position: Lsn): void {
    this.announce(position);
  }
}

export const readContextStorage = new AsyncLocalStorage<ReadContext>();

// The request's key, once authenticated (a no-op without replicas: there is no context).
export function noteReadingKey(keyId: string): void {
  const context = readContextStorage.getStore();
  if (context) context.keyId = keyId;
}
