// GOV.UK style: "23 November 2026" and "23 November 2026 at 2:05pm", in UK time.
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const clockFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
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

export function govukTime(date: Date): string {
  const parts = Object.fromEntries(clockFormat.formatToParts(date).map(part => [part.type, part.value]))
  const hour = Number(parts.hour)
  const minute = Number(parts.minute)
  if (minute === 0 && hour === 12) return 'midday'
  if (minute === 0 && hour === 0) return 'midnight'
  const twelveHour = hour % 12 === 0 ? 12 : hour % 12
  return `${twelveHour}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`
}

export function govukDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value)
  return date ? `${dateFormat.format(date)} at ${govukTime(date)}` : ''
}
