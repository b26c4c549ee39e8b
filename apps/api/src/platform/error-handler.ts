import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind, type FieldError } from './errors';

const statusOfKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[] | undefined;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  const body = {
    type: `https://dongne.kr/problems/${problem.code.replace(/\./g, '/')}`,
    title: titles[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(problem.errors && problem.errors.length > 0 ? { errors: problem.errors } : {}),
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Fastify's own errors (parsing, validation, limits) carry codes like FST_ERR_CTP_BODY_TOO_LARGE. */
function fromFastifyError(error: FastifyError): ProblemInput | undefined {
  if (error.validation) {
    const errors = error.validation.map((issue) => {
      const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
      const base = issue.instancePath || '';
      return {
        path: `/${error.validationContext ?? 'body'}${base}${missing ? `/${missing}` : ''}`,
        message: issue.message ?? 'invalid',
      };
    });
    return { status: 400, code: 'request.invalid', detail: '요청 값이 올바르지 않아요.', errors };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'request.malformed_json', detail: '요청 본문이 올바른 JSON이 아니에요.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'request.too_large', detail: '요청 본문이 너무 커요.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'request.unsupported_media_type', detail: '지원하지 않는 Content-Type이에요.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'request.invalid_content_length', detail: 'Content-Length가 올바르지 않아요.' };
    default:
      break;
  }
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, code: `request.${(titles[status] ?? 'error').toLowerCase().replace(/ /g, '_')}`, detail: error.message };
  }
  return undefined;
}

export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => unknown;

export function registerErrorHandling(app: FastifyInstance, fallback?: () => NotFoundFallback | undefined) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const status = statusOfKind[error.kind];
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
      // 503s are states the client is told to handle (a feature switched off): a warning, not an error.
      if (status >= 500) request.log[error.kind === 'unavailable' ? 'warn' : 'error']({ err: error }, 'request failed');
      return sendProblem(request, reply, { status, code: error.code, detail: error.message, errors: error.errors });
    }
    const known = fromFastifyError(error as FastifyError);
    if (known) return sendProblem(request, reply, known);
    if ((error as FastifyError).statusCode === 503) {
      return sendProblem(request, reply, { status: 503, code: 'service.unavailable', detail: '잠시 후 다시 시도해 주세요.' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, { status: 500, code: 'internal', detail: '일시적인 오류가 발생했어요.' });
  });

  app.setNotFoundHandler((request, reply) => {
    const answered = fallback?.()?.(request, reply);
    if (answered !== undefined) return answered;
    return sendProblem(request, reply, {
      status: 404,
      code: 'route.not_found',
      detail: `${request.method} ${request.url.split('?')[0]} 경로가 없어요.`,
    });
  });
}
