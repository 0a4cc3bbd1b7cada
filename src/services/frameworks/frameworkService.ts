import {
  addWorkingDays,
  assertIsoDate,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  countWorkingDays,
  type IsoDate,
  type Timeline,
  type TimelineAnchor,
} from '../../domain/calendar/index.js'
import {
  explain,
  getFramework,
  judge,
  listFrameworks,
  whatIf,
  type Framework,
  type FrameworkSummary,
  type GradeInputs,
  type JudgementExplanation,
  type JudgeOptions,
  type JudgeResult,
  type WhatIfResult,
  timelineFor,
} from '../../domain/frameworks/index.js'
import { authorise, type RequestContext } from '../context.js'
import { FrameworksInputError } from './inputProblems.js'
import { checkPublishedHistory, type PublishedHistoryReport } from './checkPublishedHistory.js'

export interface Judgement {
  result: JudgeResult
  explanation: JudgementExplanation[]
  whatIf?: WhatIfResult
}

export interface FrameworkTimeline extends Timeline {
  framework: string
  type: string
}

/** The largest working-day offset we accept: about 40 years, well past the calendar's range. */
export const MAX_WORKING_DAYS = 10_000

/**
 * Reading frameworks, judging, timelines and working days. Frameworks are public reference data, but
 * reading them inside the service is still a permission ('workspace:read'), so every edge obeys one rule.
 * Nothing here touches the database: the CLI runs these without opening one.
 */
export function createFrameworkService() {
  return {
    list(context: RequestContext): FrameworkSummary[] {
      authorise(context, 'workspace:read')
      return listFrameworks()
    },

    get(context: RequestContext, frameworkId: string): Framework {
      authorise(context, 'workspace:read')
      return getFramework(frameworkId)
    },

    judge(
      context: RequestContext,
      frameworkId: string,
      grades: GradeInputs,
      options: JudgeOptions & { whatIf?: GradeInputs } = {},
    ): Judgement {
      authorise(context, 'workspace:read')
      const framework = getFramework(frameworkId)
      const judgeOptions: JudgeOptions = options.empirical ? { empirical: options.empirical } : {}
      const result = judge(framework, grades, judgeOptions)
      const judgement: Judgement = { result, explanation: explain(framework, result) }
      if (options.whatIf && Object.keys(options.whatIf).length > 0) {
        judgement.whatIf = whatIf(framework, grades, options.whatIf, judgeOptions)
      }
      return judgement
    },

    timeline(
      context: RequestContext,
      frameworkId: string,
      typeId: string | undefined,
      anchor: TimelineAnchor,
    ): FrameworkTimeline {
      authorise(context, 'workspace:read')
      const framework = getFramework(frameworkId)
      const date = assertIsoDate(anchor.date)
      const timeline = timelineFor(framework, typeId, { event: anchor.event, date })
      const type =
        typeId ??
        framework.inspectionTypes.find(candidate => candidate.timeline)?.id ??
        framework.inspectionTypes[0]?.id
      return { framework: framework.id, type: type ?? '', ...timeline }
    },

    addWorkingDays(context: RequestContext, date: string, days: number) {
      authorise(context, 'workspace:read')
      const from = assertIsoDate(date)
      if (!Number.isInteger(days) || Math.abs(days) > MAX_WORKING_DAYS) {
        throw new FrameworksInputError(
          `The number of working days must be a whole number from -${MAX_WORKING_DAYS} to ${MAX_WORKING_DAYS}`,
        )
      }
      const result = addWorkingDays(from, days)
      return { from, workingDays: days, date: result, holidaysPassed: holidaysBetween(from, result) }
    },

    countWorkingDays(context: RequestContext, from: string, to: string) {
      authorise(context, 'workspace:read')
      const start = assertIsoDate(from)
      const end = assertIsoDate(to)
      return {
        from: start,
        to: end,
        workingDays: countWorkingDays(start, end),
        holidaysPassed: holidaysBetween(start, end),
      }
    },

    /** Replays an Ofsted published-outcomes file (ODS) through the rules. */
    async checkPublishedHistory(context: RequestContext, file: string | Buffer): Promise<PublishedHistoryReport> {
      authorise(context, 'workspace:read')
      return checkPublishedHistory(file)
    },
  }
}

/** Bank holidays strictly after the earlier date and up to the later one: what the count stepped over. */
function holidaysBetween(a: IsoDate, b: IsoDate): { date: IsoDate; name: string }[] {
  const [from, to] = a <= b ? [a, b] : [b, a]
  return ENGLAND_AND_WALES_BANK_HOLIDAYS.filter(holiday => holiday.date > from && holiday.date <= to).map(holiday => ({
    date: holiday.date,
    name: holiday.title,
  }))
}

export type FrameworkService = ReturnType<typeof createFrameworkService>
