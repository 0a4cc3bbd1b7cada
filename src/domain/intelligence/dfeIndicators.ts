import type { Polarity } from './benchmark.js'

/**
 * The DfE children's social care indicators we benchmark, with their metadata (definition, polarity, source),
 * read from the long-format Explore Education Statistics CSVs in `data/dfe/` (SOURCES.md). Polarity follows
 * LAIT's data dictionary for the same measures (peers-and-annex-a.md §2.9); null where LAIT ranks nothing.
 */

export interface IndicatorDefinition {
  id: string
  label: string
  topic: string
  definition: string
  unit: 'percent' | 'rate' | 'number'
  polarity: Polarity
  /** File name in data/dfe/. */
  file: string
  column: string
  /** Only rows whose columns hold these values. */
  filter: Readonly<Record<string, string>>
  source: string
}

const EES = 'DfE, Explore Education Statistics (OGL v3.0), via dfe-analytical-services/CSC_outcomes_and_enablers'

export const DFE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'cin-rereferrals',
    label: 'Re-referrals within 12 months',
    topic: 'Children in need',
    definition:
      'Referrals in the year that were within 12 months of a previous referral, as a percentage of all referrals.',
    unit: 'percent',
    polarity: 'low',
    file: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
    column: 'rereferral_percent',
    filter: {},
    source: `${EES}: Children in need, table C1`,
  },
  {
    id: 'cpp-subsequent',
    label: 'Second or subsequent child protection plans',
    topic: 'Child protection',
    definition: 'Child protection plans starting in the year that were a second or subsequent plan, as a percentage.',
    unit: 'percent',
    polarity: 'low',
    file: 'd3_cpps_subsequent_plan_2013_to_2025.csv',
    column: 'CPP_subsequent_percent',
    filter: {},
    source: `${EES}: Children in need, table D3`,
  },
  {
    id: 'cpp-two-years',
    label: 'Child protection plans lasting 2 years or more',
    topic: 'Child protection',
    definition: 'Child protection plans open at 31 March that had lasted 2 years or more, as a percentage.',
    unit: 'percent',
    polarity: 'low',
    file: 'd5_cpps_at31march_by_duration_2013_to_2025.csv',
    column: '2_years_or_more_percent',
    filter: {},
    source: `${EES}: Children in need, table D5`,
  },
  {
    id: 'cla-rate',
    label: 'Children looked after per 10,000 children',
    topic: 'Children looked after',
    definition: 'Children looked after at 31 March per 10,000 children aged under 18.',
    unit: 'rate',
    polarity: null,
    file: 'cla_number_and_rate_per_10k_children.csv',
    column: 'rate_per_10000',
    filter: { population_type: 'Children looked after on 31 March each year' },
    source: `${EES}: Children looked after in England`,
  },
  {
    id: 'cla-three-placements',
    label: 'Children looked after with 3 or more placements in the year',
    topic: 'Children looked after',
    definition: 'Children looked after at 31 March with three or more placements during the year, as a percentage.',
    unit: 'percent',
    polarity: 'low',
    file: 'la_cla_placement_stability.csv',
    column: 'children_percent',
    filter: { placement_stability: 'With 3 or more placements during the year' },
    source: `${EES}: Children looked after in England, placement stability`,
  },
  {
    id: 'cla-long-term-stability',
    label: 'Long-term placement stability',
    topic: 'Children looked after',
    definition:
      'Children under 16 looked after for 2.5 years or more who have lived with the same carer for at least 2 years, as a percentage.',
    unit: 'percent',
    polarity: 'high',
    file: 'la_cla_placement_stability.csv',
    column: 'children_percent',
    filter: { placement_stability: 'Living with the same carer for at least 2 years' },
    source: `${EES}: Children looked after in England, placement stability`,
  },
  {
    id: 'care-leavers-suitable-accommodation',
    label: 'Care leavers aged 19 to 21 in suitable accommodation',
    topic: 'Care leavers',
    definition: 'Care leavers aged 19 to 21 whose accommodation was considered suitable, as a percentage.',
    unit: 'percent',
    polarity: 'high',
    file: 'la_care_leavers_accommodation_suitability.csv',
    column: 'care_leaver_percent',
    filter: { care_leaver_age: '19 to 21 years', breakdown: 'Accommodation considered suitable' },
    source: `${EES}: Children looked after in England, care leavers`,
  },
  {
    id: 'sw-turnover',
    label: 'Social worker turnover rate',
    topic: "Children's services workforce",
    definition: 'Children and family social workers (FTE) leaving in the year as a percentage of those in post.',
    unit: 'percent',
    polarity: 'low',
    file: 'csww_indicators_2017_to_2025.csv',
    column: 'turnover_rate_fte',
    filter: {},
    source: `${EES}: Children's social work workforce`,
  },
  {
    id: 'sw-agency-rate',
    label: 'Agency social worker rate',
    topic: "Children's services workforce",
    definition: 'Agency children and family social workers (FTE) as a percentage of all social workers.',
    unit: 'percent',
    polarity: 'low',
    file: 'csww_indicators_2017_to_2025.csv',
    column: 'agency_rate_fte',
    filter: {},
    source: `${EES}: Children's social work workforce`,
  },
  {
    id: 'sw-caseload',
    label: 'Average caseload',
    topic: "Children's services workforce",
    definition: 'Cases held per case-holding children and family social worker (FTE) at 30 September.',
    unit: 'number',
    polarity: 'low',
    file: 'csww_indicators_2017_to_2025.csv',
    column: 'caseload_fte',
    filter: {},
    source: `${EES}: Children's social work workforce`,
  },
]

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return DFE_INDICATORS.find(indicator => indicator.id === id)
}

/** Published suppression and missing markers (c, x, u, z, low, ..) read as no value. */
export function parseStatistic(text: string | undefined): number | null {
  if (text === undefined) return null
  const trimmed = text.trim()
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null
  return Number(trimmed)
}

export interface IndicatorValue {
  indicator: string
  year: number
  level: 'national' | 'regional' | 'local'
  /** 'E92000001' for England, the region name for a region, the old LA code for an authority. */
  area: string
  value: number
}

/** Turns one CSV record into the indicator values it holds (one per matching definition). */
export function valuesFromRecord(
  definitions: readonly IndicatorDefinition[],
  record: Readonly<Record<string, string>>,
): IndicatorValue[] {
  const year = Number((record.time_period ?? '').slice(0, 4))
  if (!Number.isInteger(year) || year < 2000) return []
  const levelText = (record.geographic_level ?? '').trim()
  const level =
    levelText === 'National'
      ? 'national'
      : levelText === 'Regional'
        ? 'regional'
        : levelText === 'Local authority'
          ? 'local'
          : null
  if (!level) return []
  const area =
    level === 'national'
      ? 'E92000001'
      : level === 'regional'
        ? (record.region_name ?? '').trim()
        : (record.old_la_code ?? '').trim()
  if (area === '') return []
  const values: IndicatorValue[] = []
  for (const definition of definitions) {
    if (!Object.entries(definition.filter).every(([column, wanted]) => (record[column] ?? '').trim() === wanted))
      continue
    const value = parseStatistic(record[definition.column])
    if (value !== null) values.push({ indicator: definition.id, year, level, area, value })
  }
  return values
}
