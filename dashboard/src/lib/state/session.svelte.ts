import { ApiError } from '../api/http.js';
import { fetchCurrentUser, signIn, signOut } from '../api/auth-api.js';
import type { CurrentUser, UserRole } from '../api/auth-api.js';

export type SignInFailure = 'credentials' | 'rate-limited' | 'unreachable';

/** Who is signed in, as the server's session cookie says (the cookie itself is httpOnly). */
class Session {
  user = $state.raw<CurrentUser | null>(null);
  /** `unknown` until the first /api/auth/me answer. */
  status = $state<'unknown' | 'signed-in' | 'signed-out'>('unknown');

  hasRole(...roles: UserRole[]): boolean {
    return this.user !== null && roles.some((role) => this.user!.roles.includes(role));
  }

  async load(): Promise<void> {
    try {
      this.user = await fetchCurrentUser();
      this.status = 'signed-in';
    } catch {
      this.user = null;
      this.status = 'signed-out';
    }
  }

  /** Resolves null on success, or why it failed. */
  async signIn(username: string, password: string): Promise<SignInFailure | null> {
    try {
      await signIn(username, password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return 'rate-limited';
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) return 'credentials';
      return 'unreachable';
    }
    await this.load();
    return this.status === 'signed-in' ? null : 'unreachable';
  }

  async signOut(): Promise<void> {
    try {
      await signOut();
    } finally {
      this.user = null;
      this.status = 'signed-out';
    }
  }
}

export const session = new Session();
