import { openSpreadsheet, type OpenOptions, type OpenedSpreadsheet } from '../spreadsheets/openSpreadsheet.js'
import type { ReadEvent } from '../spreadsheets/types.js'
import { authorise, type RequestContext } from '../context.js'
import type { AnnexAService } from './annexAService.js'
import type { ImportInput, ImportResult } from './importRun.js'

export interface SourceFile {
  /** Where the file is on disk (an upload's temporary file, or the path given on the command line). */
  readonly path: string
  /** The name the person gave it: names CSV lists (`List 3.csv`) and appears on the run page. */
  readonly name: string
}

/** Opens a file (type from its content) and imports it as a test run. Used by the web upload and the CLI. */
export async function importFile(
  service: AnnexAService,
  context: RequestContext,
  filePath: string,
  options: Omit<ImportInput, 'events' | 'sourceKind'> & Pick<OpenOptions, 'maxFileBytes'>,
): Promise<ImportResult> {
  return importFiles(service, context, [{ path: filePath, name: options.sourceName }], options)
}

/**
 * Several files, one test run: councils often export one CSV (or workbook) per list. Every file is opened (and its
 * type checked) before anything is read, so an unreadable file is reported before a run is started; then their
 * sheets are read one after the other as if they were one workbook, in one transaction.
 */
export async function importFiles(
  service: AnnexAService,
  context: RequestContext,
  files: readonly SourceFile[],
  options: Omit<ImportInput, 'events' | 'sourceKind' | 'sourceName'> &
    Pick<OpenOptions, 'maxFileBytes'> & { sourceName?: string },
): Promise<ImportResult> {
  authorise(context, 'child-data:import')
  const opened = await openAll(files, options.maxFileBytes)
  return service.importRun(context, {
    ...options,
    sourceName: options.sourceName ?? describeSources(files),
    events: chainEvents(opened),
    sourceKind: kindOf(opened),
  })
}

export async function openAll(files: readonly SourceFile[], maxFileBytes?: number): Promise<OpenedSpreadsheet[]> {
  const opened: OpenedSpreadsheet[] = []
  for (const file of files) opened.push(await openSpreadsheet(file.path, { displayName: file.name, maxFileBytes }))
  return opened
}

export async function* chainEvents(opened: readonly OpenedSpreadsheet[]): AsyncGenerator<ReadEvent> {
  for (const file of opened) yield* file.events
}

export function kindOf(opened: readonly OpenedSpreadsheet[]): string {
  const kinds = [...new Set(opened.map(file => file.kind))]
  return kinds.length === 1 ? kinds[0]! : 'mixed'
}

/** `List 1.csv`, or `List 1.csv, List 2.csv and 9 more files`: at most 255 characters. */
export function describeSources(files: readonly SourceFile[]): string {
  if (files.length === 1) return files[0]!.name.slice(0, 255)
  const shown: string[] = []
  for (const file of files) {
    const rest = files.length - shown.length - 1
    const candidate = [...shown, file.name].join(', ')
    if (candidate.length > 200 && shown.length > 0) {
      return `${shown.join(', ')} and ${rest + 1} more files`.slice(0, 255)
    }
    shown.push(file.name)
  }
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`.slice(0, 255)
}
