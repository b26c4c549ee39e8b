/**
 * Domain errors. Services throw these with a stable `code`; only the error handler turns the
 * kind into an HTTP status (ARCHITECTURE.md §3 rule 6).
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'bad_gateway'
  | 'unavailable';

export interface FieldError {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  errors?: FieldError[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export const unauthenticated = (code: string, message = '로그인이 필요해요.') =>
  new AppError('unauthenticated', code, message);
export const forbidden = (code: string, message = '권한이 없어요.') => new AppError('forbidden', code, message);
export const notFound = (code: string, message = '찾을 수 없어요.') => new AppError('not_found', code, message);
export const conflict = (code: string, message: string, options?: AppErrorOptions) =>
  new AppError('conflict', code, message, options);
export const unprocessable = (code: string, message: string, errors?: FieldError[]) =>
  new AppError('unprocessable', code, message, errors ? { errors } : {});
export const rateLimited = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError('rate_limited', code, message, { retryAfterSeconds });
/** An upstream service (a geocoder, a payment gateway) failed or did not answer in time: 502. */
export const badGateway = (code: string, message: string, cause?: unknown) =>
  new AppError('bad_gateway', code, message, cause === undefined ? {} : { cause });
/** A feature that is switched off or temporarily unable to serve: 503. */
export const unavailable = (code: string, message: string) => new AppError('unavailable', code, message);
