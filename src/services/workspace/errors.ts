/** Someone else saved the same record since this person opened it: never overwrite silently. */
export class EditConflictError extends Error {
  readonly status = 409
  constructor(what: string) {
    super(
      `${what} was changed by someone else while you were editing it. Your changes were not saved: review the latest version and try again.`,
    )
  }
}
