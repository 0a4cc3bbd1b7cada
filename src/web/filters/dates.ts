// GOV.UK style: "23 November 2026" and "23 November 2026 at 2:05pm", in UK time.
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
})

function toDate(value: Date | string | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const date =
    value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

export function govukDate(value: Date | string | null | undefined): string {
  const date = toDate(value)
  return date ? dateFormat.format(date) : ''
}

export function govukDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value)
  if (!date) return ''
  const time = timeFormat.format(date).replace(' ', '').replace(':00', '').toLowerCase()
  return `${dateFormat.format(date)} at ${time === '12pm' ? 'midday' : time === '12am' ? 'midnight' : time}`
}
