import type { Problem } from '@dongne/contracts';

export type FieldProblem = NonNullable<Problem['errors']>[number];

/**
 * A failed API call, carrying the server's problem+json (RFC 9457) so callers can branch on
 * the stable `code` and show `errors[]` next to the right form field.
 * `status` 0 means the request never got an answer (offline, DNS, aborted).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldProblem[];
  readonly problem: Problem | undefined;

  constructor(status: number, code: string, options: { problem?: Problem; message?: string; cause?: unknown } = {}) {
    super(options.message ?? options.problem?.detail ?? code, { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = options.problem;
    this.errors = options.problem?.errors ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** The code used when the network failed before any answer arrived. */
export const NETWORK_ERROR_CODE = 'network.unreachable';

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';

/** Builds the ApiError for a non-2xx response; a body that is not problem+json gets a code from its status. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isProblem(body)) return new ApiError(response.status, body.code, { problem: body });
  return new ApiError(response.status, `http.${response.status}`);
}
