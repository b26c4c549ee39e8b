export { AccessTokens, type AccessClaims } from './access-tokens';
export { SessionCache, type Actor, type Role, type SessionLookup } from './session-cache';
export { authenticationPlugin, actorOf, bearerToken } from './authenticate';
