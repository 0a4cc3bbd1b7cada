import type { RequestContext } from '../../services/context.js'
import type { UserSummary } from '../../services/platform/userService.js'

export interface FormState {
  errors: Record<string, string>
  values: Record<string, string>
}

declare module 'express-session' {
  interface SessionData {
    userId: string
    organisationId: string
    signedInAt: number
    returnTo: string
    forms: Record<string, FormState & { errorOrder?: string[] }>
    notice: string
  }
}

declare global {
  namespace Express {
    interface Request {
      id: string
      user?: UserSummary
      context?: RequestContext
    }
  }
}
