import { AuthContext } from './auth-context';

// Turns a presented API key into the caller's context, or throws (401 unknown key, 403 suspended
// account or a user that is not active, 429 too many invalid keys from the client's address). Declared here and provided by the module that owns keys (api-keys/), so that auth/
// depends on no feature module.
export abstract class Authenticator {
  // The caller's context, whenever it is known.
  async authenticate(presentedKey: string | undefined, clientAddress: string): Promise<AuthContext> {
    return this.authenticateNowOrLater(presentedKey, clientAddress);
  }

  // The caller's context, synchronously when it needs no waiting (a cached key), else as a
  // promise. Lets the AuthGuard answer synchronously, which spares Nest's guard consumer its
  // promises on most requests (docs/performance.md, "Fewer promises and router layers").
  abstract authenticateNowOrLater(presentedKey: string | undefined, clientAddress: string): AuthContext | Promise<AuthContext>;
}
