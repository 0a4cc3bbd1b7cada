import { z } from 'zod'
import type { Framework } from '../../../../domain/frameworks/index.js'
import { fieldErrors } from '../../../validation.js'
import { dateFieldNames, dateInputSchema } from '../dateInput.js'

export const TIMELINE_FIELDS = ['type', 'event', ...dateFieldNames('date')] as const

/** The inspection types of a framework that have a timeline, and the events a timeline can start from. */
export function timelineChoices(framework: Framework) {
  const types = framework.inspectionTypes.filter(type => type.timeline)
  const events = new Map<string, string>()
  for (const type of types) {
    for (const milestone of type.timeline?.milestones ?? [])
      if (!events.has(milestone.id)) events.set(milestone.id, milestone.label)
  }
  return { types, events: [...events].map(([id, label]) => ({ id, label })) }
}

export function timelineQuerySchema(framework: Framework) {
  const { types, events } = timelineChoices(framework)
  const typeIds = types.map(type => type.id)
  const eventIds = events.map(event => event.id)
  return {
    choices: z.object({
      type: z.string().refine(value => typeIds.includes(value), 'Select the type of inspection or visit'),
      event: z.string().refine(value => eventIds.includes(value), 'Select the event you know the date of'),
    }),
    date: dateInputSchema('date', 'the date of that event'),
  }
}

/** Both parts are checked every time, so every problem shows at once. */
export function parseTimelineQuery(
  framework: Framework,
  values: Record<string, string>,
): { ok: true; type: string; event: string; date: string } | { ok: false; errors: Record<string, string> } {
  const schema = timelineQuerySchema(framework)
  const choices = schema.choices.safeParse(values)
  const date = schema.date.safeParse(values)
  if (choices.success && date.success) return { ok: true, ...choices.data, date: date.data }
  return {
    ok: false,
    errors: {
      ...(choices.success ? {} : fieldErrors(choices.error)),
      ...(date.success ? {} : fieldErrors(date.error)),
    },
  }
}
