import type { Request } from 'express'
import type { FormState } from './@types/express.js'

/**
 * Post/Redirect/Get: a POST that fails validation keeps what was typed and the error messages in the
 * session, redirects back, and the GET shows them once.
 */
export function keepFormState(req: Request, form: string, state: FormState): void {
  req.session.forms = { ...req.session.forms, [form]: state }
}

export function takeFormState(req: Request, form: string): FormState {
  const state = req.session?.forms?.[form]
  if (state && req.session.forms) delete req.session.forms[form]
  return state ?? { errors: {}, values: {} }
}

/** The shape govukErrorSummary wants: each message links to its field. */
export function errorList(errors: Record<string, string>): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }))
}

export function setNotice(req: Request, notice: string): void {
  req.session.notice = notice
}

export function takeNotice(req: Request): string | undefined {
  const notice = req.session?.notice
  if (notice) delete req.session.notice
  return notice
}
