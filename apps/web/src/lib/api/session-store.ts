/**
 * The signed-in state of this tab. The access token lives only here, in memory: never in
 * localStorage or sessionStorage, where any injected script could read it. A reload starts
 * with no token and restores the session from the HttpOnly refresh cookie.
 */
export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface SessionSnapshot {
  status: SessionStatus;
  accessToken: string | null;
}

export class SessionStore {
  private snapshot: SessionSnapshot = { status: 'restoring', accessToken: null };
  private readonly listeners = new Set<() => void>();

  get = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(accessToken: string) {
    this.set({ status: 'signedIn', accessToken });
  }

  signOut() {
    this.set({ status: 'signedOut', accessToken: null });
  }

  private set(next: SessionSnapshot) {
    if (next.status === this.snapshot.status && next.accessToken === this.snapshot.accessToken) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
