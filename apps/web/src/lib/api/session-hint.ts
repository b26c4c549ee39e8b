/**
 * Whether this browser may hold a refresh cookie. The cookie is HttpOnly (scripts cannot see it),
 * so without this hint every anonymous visit would POST /api/auth/refresh just to get a 401.
 * It is a yes/no flag, never a token: losing it only means logging in again.
 */
const HINT_KEY = 'dongne-has-session';

export const sessionHint = {
  present(): boolean {
    try {
      return localStorage.getItem(HINT_KEY) === '1';
    } catch {
      return true; // storage blocked: try the refresh rather than forget a real session
    }
  },
  set(present: boolean) {
    try {
      if (present) localStorage.setItem(HINT_KEY, '1');
      else localStorage.removeItem(HINT_KEY);
    } catch {
      // storage blocked: nothing to remember
    }
  },
};
