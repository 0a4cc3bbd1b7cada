import type { GeneratedAnnexA } from '../../domain/annex-a/index.js'
import type { ReadEvent } from '../spreadsheets/types.js'

/** A generated workbook as reader events, so synthetic data goes through exactly the import path real files take. */
export async function* generatedEvents(generated: GeneratedAnnexA): AsyncGenerator<ReadEvent> {
  for (const sheet of generated.sheets) {
    yield { type: 'sheet', name: sheet.name }
    let rowNumber = 0
    for (const cells of sheet.rows) {
      rowNumber += 1
      yield { type: 'row', rowNumber, cells }
    }
  }
}
