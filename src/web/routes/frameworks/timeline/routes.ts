import { Router } from 'express'
import { DateOutsideCalendarError, InvalidDateError } from '../../../../domain/calendar/index.js'
import type { Services } from '../../../../services/index.js'
import type { FrameworkTimeline } from '../../../../services/frameworks/frameworkService.js'
import { inputProblem } from '../../../../services/frameworks/inputProblems.js'
import { requireContext } from '../../../requestContext.js'
import { pickStrings } from '../../../validation.js'
import { dateInputItems, errorLinks } from '../dateInput.js'
import { findFrameworkOr404 } from '../frameworkParam.js'
import { parseTimelineQuery, TIMELINE_FIELDS, timelineChoices } from './schemas.js'

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' })

/** The timeline planner: a GET form (no state changes), so it works without JavaScript and can be shared as a link. */
export function timelineRoutes(services: Services): Router {
  const router = Router()
  router.get('/frameworks/:frameworkId/timeline', (req, res) => {
    const context = requireContext(req)
    const framework = findFrameworkOr404(services, context, req.params.frameworkId)
    const { types, events } = timelineChoices(framework)
    const values = pickStrings(req.query, TIMELINE_FIELDS)
    // Following a link with only ?type= preselects the type without judging the form as submitted.
    const submitted = Boolean(values.event || values['date-day'] || values['date-month'] || values['date-year'])
    if (!values.type && types.length === 1) values.type = types[0]!.id
    let errors: Record<string, string> = {}
    let timeline: FrameworkTimeline | undefined
    if (submitted && types.length > 0) {
      const parsed = parseTimelineQuery(framework, values)
      if (!parsed.ok) {
        errors = parsed.errors
      } else {
        try {
          timeline = services.frameworks.timeline(context, framework.id, parsed.type, {
            event: parsed.event,
            date: parsed.date,
          })
        } catch (error) {
          const problem = inputProblem(error)
          if (problem === undefined) throw error
          const field =
            error instanceof DateOutsideCalendarError || error instanceof InvalidDateError ? 'date' : 'event'
          errors = { [field]: problem }
        }
      }
    }
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('frameworks/timeline/view.njk', {
      pageTitle: `Timeline planner: ${framework.label}`,
      framework,
      errors,
      errorSummary: errorLinks(errors, ['date']),
      values,
      timeline,
      typeLabel: types.find(type => type.id === timeline?.type)?.label,
      weekday: (date: string) => WEEKDAY.format(new Date(`${date}T12:00:00Z`)),
      typeItems: types.map(type => ({ value: type.id, text: type.label, checked: values.type === type.id })),
      eventItems: events.map(event => ({ value: event.id, text: event.label, checked: values.event === event.id })),
      dateItems: dateInputItems('date', values, Boolean(errors.date)),
    })
  })
  return router
}
