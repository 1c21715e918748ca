/** API error envelopes (API.md §1.2, §3.6). Handlers throw ApiError; the server renders it. */
import { STATUS_CODES } from 'node:http';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null ? JSON.stringify(body) : String(body));
  }
}

export type ValidatorCode =
  | 'NotExistRequiredKey'
  | 'NotEnumInclude'
  | 'MoreThanMaximum'
  | 'LessThanMinimum'
  | 'InvalidDateFormat'
  | 'InvalidDateTimeFormat'
  | 'InvalidEmailFormat'
  | 'InvalidPattern'
  | 'NotNullError'
  | 'NotExistPropertyDefinition'
  | 'NotAMultipartFile'
  | 'MoreThanMaxItems'
  | 'LessThanMinItems'
  | 'MoreThanMaxLength'
  | 'LessThanMinLength'
  | 'ValidateError';

export const INVALID_TOKEN_BODY = { error: 'The access token is invalid', status: 401 } as const;
export const NOT_FOUND_BODY = { error: 'Not Found', status: 404 } as const;

/** 400 in the OpenAPI-validator shape `{message, field, code}`. */
export function validationError(message: string, field: string, code: ValidatorCode): ApiError {
  return new ApiError(400, { message, field, code });
}

/** 400 without a field (`{message, code}`), e.g. an unparsable body. */
export function badRequest(message: string, code: ValidatorCode = 'ValidateError'): ApiError {
  return new ApiError(400, { message, code });
}

export function notFound(): ApiError {
  return new ApiError(404, { ...NOT_FOUND_BODY });
}

export function forbidden(scope: string): ApiError {
  return new ApiError(403, { error: `Access to this resource requires scope "${scope}".`, status: 403 });
}

export function conflict(error: string): ApiError {
  return new ApiError(409, { error, status: 409 });
}

export function unprocessable(error: string): ApiError {
  return new ApiError(422, { error, status: 422 });
}

/** 413 `{error, status}` (an upload above the size limit). */
export function payloadTooLarge(error: string): ApiError {
  return new ApiError(413, { error, status: 413 });
}

/** The JSON body the API uses for a status (used by injected faults). */
export function bodyForStatus(status: number, scope?: string): unknown {
  if (status === 401) return { ...INVALID_TOKEN_BODY };
  if (status === 403) return forbidden(scope ?? 'customers:readonly').body;
  if (status === 404) return { ...NOT_FOUND_BODY };
  if (status === 500) return { error: 'Internal server error', status };
  return { error: STATUS_CODES[status] ?? 'Error', status };
}

export function rateLimitText(retryAfterSeconds: number): string {
  return `Rate limit exceeded. Please retry in ${retryAfterSeconds} seconds.`;
}
