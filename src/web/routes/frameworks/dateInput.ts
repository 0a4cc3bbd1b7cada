import { z } from 'zod'

export const DATE_PARTS = ['day', 'month', 'year'] as const

export function dateFieldNames(field: string): string[] {
  return DATE_PARTS.map(part => `${field}-${part}`)
}

/**
 * A GOV.UK date input (three fields) as 'YYYY-MM-DD', with the Design System's messages. `what` is the
 * date's name in the message: "Enter the date of the first day on site".
 */
export function dateInputSchema(field: string, what: string) {
  const [dayField, monthField, yearField] = dateFieldNames(field) as [string, string, string]
  return z
    .object({ [dayField]: z.string(), [monthField]: z.string(), [yearField]: z.string() })
    .transform((values, context) => {
      const day = values[dayField]!.trim()
      const month = values[monthField]!.trim()
      const year = values[yearField]!.trim()
      if (!day && !month && !year) {
        context.addIssue({ code: 'custom', path: [field], message: `Enter ${what}` })
        return z.NEVER
      }
      const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
      if (missing.length > 0) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `${capitalise(what)} must include a ${missing.join(' and ')}`,
        })
        return z.NEVER
      }
      if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
        context.addIssue({ code: 'custom', path: [field], message: `${capitalise(what)} must be a real date` })
        return z.NEVER
      }
      const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
      const probe = new Date(`${iso}T12:00:00Z`)
      if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== iso) {
        context.addIssue({ code: 'custom', path: [field], message: `${capitalise(what)} must be a real date` })
        return z.NEVER
      }
      return iso
    })
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Error summary links go to the first field of a date input, as the Design System asks. */
export function errorLinks(errors: Record<string, string>, dateFields: readonly string[] = []) {
  return Object.entries(errors).map(([field, text]) => ({
    text,
    href: `#${dateFields.includes(field) ? `${field}-day` : field}`,
  }))
}

/** The items govukDateInput wants, with the error class on every part when the date is wrong. */
export function dateInputItems(field: string, values: Record<string, string>, hasError: boolean) {
  return DATE_PARTS.map(part => ({
    name: part,
    value: values[`${field}-${part}`] ?? '',
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${hasError ? ' govuk-input--error' : ''}`,
  }))
}
