import type { Framework } from '../../../domain/frameworks/index.js'
import type { RequestContext } from '../../../services/context.js'
import { NotFoundError } from '../../../services/errors.js'
import type { Services } from '../../../services/index.js'

/** The framework a URL names, or the GOV.UK "page not found" (never an error with the raw id in it). */
export function findFrameworkOr404(
  services: Services,
  context: RequestContext,
  frameworkId: string | undefined,
): Framework {
  const known = services.frameworks.list(context).some(summary => summary.id === frameworkId)
  if (!known || frameworkId === undefined) throw new NotFoundError('Page not found')
  return services.frameworks.get(context, frameworkId)
}
