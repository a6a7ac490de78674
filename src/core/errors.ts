/**
 * The fixed set of error codes Tailor reports. Services throw `ServiceError`; the HTTP edge
 * maps `kind` to a status (see http/errors.ts) and the CLI maps it to an exit code. `code` is
 * a stable, more specific machine-readable string (for example `batch_too_large`) that
 * clients may switch on; `message` is safe to show to users.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class ServiceError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: unknown;

  constructor(kind: ErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new ServiceError('invalid', code, message, details);
export const notFound = (code: string, message: string) => new ServiceError('not_found', code, message);
export const conflict = (code: string, message: string) => new ServiceError('conflict', code, message);
export const forbidden = (code: string, message: string) => new ServiceError('forbidden', code, message);
export const unauthorized = (code: string, message: string) =>
  new ServiceError('unauthorized', code, message);

export const httpStatusOf = (kind: ErrorKind): number => {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
};

export const exitCodeOf = (kind: ErrorKind): number => {
  switch (kind) {
    case 'invalid':
      return 2;
    case 'unauthorized':
    case 'forbidden':
      return 3;
    case 'not_found':
      return 4;
    case 'conflict':
      return 5;
    case 'too_large':
    case 'rate_limited':
    case 'unavailable':
      return 6;
    case 'internal':
      return 1;
  }
};
