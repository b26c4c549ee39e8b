export { api, onSessionExpired, restoreSessionOnStart, sessionStore } from './client';
export { ApiError, isApiError, NETWORK_ERROR_CODE, type FieldProblem } from './api-error';
export { describeError, fieldErrorsOf } from './error-messages';
export type { SessionStatus } from './session-store';
