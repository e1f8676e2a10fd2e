// Whose resource a create's response shows, kept with the stored response so that a replay can
// re-check that the caller may still see it (an account, and for an API key its owner). Carried on
// the handler's value under a symbol, which JSON.stringify leaves out of the body.
export interface ReplayOwner {
  accountId: string;
  // Set for API keys: a member sees its own keys only.
  userId: string | null;
}

export const REPLAY_OWNER = Symbol('replayOwner');

export function withReplayOwner<T extends object>(value: T, owner: { accountId: string; userId?: string | null }): T {
  return Object.assign(value, { [REPLAY_OWNER]: { accountId: owner.accountId, userId: owner.userId ?? null } });
}

export function replayOwnerOf(value: unknown): ReplayOwner | null {
  if (typeof value !== 'object' || value === null) return null;
  return (value as { [REPLAY_OWNER]?: ReplayOwner })[REPLAY_OWNER] ?? null;
}
