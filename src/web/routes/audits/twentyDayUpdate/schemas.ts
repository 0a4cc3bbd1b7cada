import { isIsoDate } from '../../../../domain/calendar/index.js'

/** The GOV.UK date input's three boxes (`<prefix>-day` …) as 'YYYY-MM-DD'; blank as undefined; else a message. */
export function dateFromQuery(
  query: unknown,
  prefix: string,
  name: string,
): { value?: string; error?: string; parts: Record<string, string> } {
  const source = (query ?? {}) as Record<string, unknown>
  const part = (key: string) => {
    const value = source[`${prefix}-${key}`]
    return typeof value === 'string' ? value.trim().slice(0, 4) : ''
  }
  const parts = { day: part('day'), month: part('month'), year: part('year') }
  if (!parts.day && !parts.month && !parts.year) return { parts }
  const date = `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date) || parts.year.length !== 4)
    return { parts, error: `The ${name} must be a real date, like 27 3 2026` }
  return { parts, value: date }
}

/** '2026-11-03' as the three boxes, to fill the form with the default period. */
export function partsOf(date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}
