import { openSpreadsheet, type OpenOptions } from '../spreadsheets/openSpreadsheet.js'
import { authorise, type RequestContext } from '../context.js'
import type { AnnexAService } from './annexAService.js'
import type { ImportInput, ImportResult } from './importRun.js'

/** Opens a file (type from its content) and imports it as a test run. Used by the web upload and the CLI. */
export async function importFile(
  service: AnnexAService,
  context: RequestContext,
  filePath: string,
  options: Omit<ImportInput, 'events' | 'sourceKind'> & Pick<OpenOptions, 'maxFileBytes'>,
): Promise<ImportResult> {
  authorise(context, 'child-data:import')
  const opened = await openSpreadsheet(filePath, {
    displayName: options.sourceName,
    maxFileBytes: options.maxFileBytes,
  })
  return service.importRun(context, { ...options, events: opened.events, sourceKind: opened.kind })
}
