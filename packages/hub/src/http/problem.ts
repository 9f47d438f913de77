import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GenioError } from '../errors/index.js';
import { type AjvIssue, plainReasonOf } from './validation-words.js';

/** Turn Fastify's schema validation failure into validation_failed naming the field at fault. */
function fromValidation(error: FastifyError): GenioError {
  const issue = (error.validation?.[0] ?? {}) as AjvIssue;
  const context = error.validationContext ?? 'body';
  const base = (issue.instancePath ?? '').replace(/^\//, '');
  let field = base;
  const params = issue.params ?? {};
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string') {
    field = base ? `${base}/${params.missingProperty}` : params.missingProperty;
  } else if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    field = base ? `${base}/${params.additionalProperty}` : params.additionalProperty;
  }
  const reason = plainReasonOf((error.validation ?? []) as AjvIssue[]);
  return new GenioError('validation_failed', { field: field || context, reason, in: context });
}

/** Map any thrown value to a GenioError (unknown errors become internal). */
export function toGenioError(error: unknown): GenioError {
  if (error instanceof GenioError) return error;
  const fe = error as FastifyError;
  if (fe?.validation) return fromValidation(fe);
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new GenioError('payload_too_large', { limit: 'the body limit' });
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GenioError('validation_failed', { field: 'content-type', reason: 'must be application/json' });
  }
  if (
    fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fe instanceof SyntaxError && fe.statusCode === 400)
  ) {
    return new GenioError('validation_failed', { field: 'body', reason: 'is not valid JSON' });
  }
  // A static file that is not there (or not servable) is simply not found.
  if (fe?.statusCode === 404 || fe?.code === 'ENOENT')
    return new GenioError('not_found', { kind: 'file', id: 'requested' });
  if (typeof fe?.statusCode === 'number' && fe.statusCode === 429) return new GenioError('rate_limited');
  return new GenioError('internal', {}, { cause: error });
}

/** Send a GenioError as application/problem+json. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: GenioError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send(error.toProblem(request.url.split('?')[0]));
}
