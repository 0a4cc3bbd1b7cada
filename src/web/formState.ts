import type { Request } from 'express'
import type { FormState } from './@types/express.js'

/**
 * Post/Redirect/Get: a POST that fails validation keeps what was typed and the error messages in the
 * session, redirects back, and the GET shows them once.
 */
export function keepFormState(req: Request, form: string, state: FormState): void {
  // Sessions are stored as jsonb, which reorders object keys; the order of the messages is kept beside them.
  req.session.forms = { ...req.session.forms, [form]: { ...state, errorOrder: Object.keys(state.errors) } }
}

export function takeFormState(req: Request, form: string): FormState {
  const state = req.session?.forms?.[form]
  if (state && req.session.forms) delete req.session.forms[form]
  if (!state) return { errors: {}, values: {} }
  const order = [...(state.errorOrder ?? []), ...Object.keys(state.errors)]
  const errors: Record<string, string> = {}
  for (const field of order)
    if (field in state.errors && !(field in errors)) errors[field] = state.errors[field] as string
  return { errors, values: state.values }
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
