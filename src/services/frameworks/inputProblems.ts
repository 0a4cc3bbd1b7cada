import { DateOutsideCalendarError, InvalidDateError, TimelineSpecError } from '../../domain/calendar/index.js'
import { FrameworkInputError, UnknownFrameworkError } from '../../domain/frameworks/index.js'
import { OdsReadError } from '../spreadsheets/readOds.js'

/**
 * The domain's errors for input a person can correct (an unknown framework, a grade not in the scale,
 * a date that is not a date). Edges turn them into exit code 2, a 400 or an error message on the page.
 */
export function inputProblem(error: unknown): string | undefined {
  if (
    error instanceof UnknownFrameworkError ||
    error instanceof FrameworkInputError ||
    error instanceof TimelineSpecError ||
    error instanceof InvalidDateError ||
    error instanceof DateOutsideCalendarError ||
    error instanceof OdsReadError ||
    error instanceof FrameworksInputError
  ) {
    return error.message
  }
  return undefined
}

/** Input the services refuse themselves: a file with nothing to replay, a working-day count out of range. */
export class FrameworksInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FrameworksInputError'
  }
}
