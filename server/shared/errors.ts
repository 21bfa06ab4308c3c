/**
 * An error meant for the caller: a status, a stable machine code (the UI maps it to Russian text)
 * and an English message for people reading the API directly.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);
/** A well-formed request the rules of the content refuse: the caller can fix it, a retry as it is cannot succeed. */
export const unprocessable = (code: string, message: string, details?: unknown) => new ApiError(422, code, message, details);
