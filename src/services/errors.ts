/** Errors services raise; the web and CLI edges translate them into pages, messages and exit codes. */
export class ForbiddenError extends Error {
  readonly status = 403
  constructor(message = 'You do not have permission to do that') {
    super(message)
  }
}

export class NotFoundError extends Error {
  readonly status = 404
}

/** Input a person can correct: each entry names the field and says what to do. */
export class ValidationError extends Error {
  readonly status = 400
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join('; '))
  }
}
