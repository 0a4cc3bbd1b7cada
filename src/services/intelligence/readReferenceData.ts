import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import {
  authoritiesFromLookup,
  DFE_INDICATORS,
  parseNeighbourModel,
  valuesFromRecord,
  type IndicatorDefinition,
  type IndicatorValue,
  type LocalAuthority,
} from '../../domain/intelligence/index.js'

/** Reads the public reference files of `shared/data` (SOURCES.md): LA lookup, statistical neighbours, DfE CSVs. */

export async function readLocalAuthorities(laDir: string): Promise<LocalAuthority[]> {
  const lookup = parseSync(await readFile(path.join(laDir, 'Provider_data_lookup.csv')), {
    columns: true,
    bom: true,
  }) as Record<string, string>[]
  const authorities = authoritiesFromLookup(lookup)
  const models: [string, string][] = [
    ['2021', 'New_Statistical_Neighbour_Groupings_April_2021.csv'],
    ['2025', 'sn_model_2025_wide.csv'],
  ]
  for (const [model, file] of models) {
    const [header, ...rows] = parseSync(await readFile(path.join(laDir, file)), {
      bom: true,
      relax_column_count: true,
    }) as string[][]
    const neighbours = parseNeighbourModel(header ?? [], rows)
    for (const authority of authorities) authority.neighbours[model] = neighbours.get(authority.oldCode) ?? []
  }
  return authorities
}

/** Streams each DfE CSV once, keeping only the indicator values our definitions ask for. */
export async function readDfeIndicatorValues(
  dfeDir: string,
  definitions: readonly IndicatorDefinition[] = DFE_INDICATORS,
): Promise<{ values: IndicatorValue[]; rowsRead: number }> {
  const values: IndicatorValue[] = []
  let rowsRead = 0
  for (const file of new Set(definitions.map(definition => definition.file))) {
    const forFile = definitions.filter(definition => definition.file === file)
    const parser = createReadStream(path.join(dfeDir, file)).pipe(
      parse({ columns: true, bom: true, relax_column_count: true }),
    )
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      rowsRead += 1
      values.push(...valuesFromRecord(forFile, record))
    }
  }
  return { values, rowsRead }
}
