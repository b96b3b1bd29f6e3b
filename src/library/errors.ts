/** A use-case error with a stable code and a Chinese message; the server maps codes to HTTP statuses. */
export class LibraryError extends Error {
  constructor(readonly code: LibraryErrorCode, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export type LibraryErrorCode = 'NOT_FOUND' | 'BAD_REQUEST' | 'EMPTY_TEXT' | 'DUPLICATE' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'RATE_LIMITED';

export const HTTP_STATUS: Record<LibraryErrorCode, number> = {
  NOT_FOUND: 404, BAD_REQUEST: 400, EMPTY_TEXT: 400, DUPLICATE: 409, CONFLICT: 409, FORBIDDEN: 403, UNAUTHORIZED: 401, RATE_LIMITED: 429,
};
