import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  buildTimeline,
  forecastNextInspection,
  isWorkingDay,
  TimelineSpecError,
  type CycleRule,
  type TimelineSpec,
} from '../../../src/domain/calendar/index.js'
import { getFramework, timelineFor } from '../../../src/domain/frameworks/index.js'

const datesOf = (milestones: { id: string; date: string }[]) => Object.fromEntries(milestones.map(m => [m.id, m.date]))

describe('buildTimeline', () => {
  it('dates the SLAC timeline across Easter, the 2011 royal wedding and the spring bank holiday', () => {
    const timeline = timelineFor(getFramework('slac-2009'), 'inspection', { event: 'notification', date: '2011-04-11' })
    assert.deepEqual(datesOf(timeline.milestones), {
      notification: '2011-04-11',
      'pre-meeting': '2011-04-15',
      'fieldwork-start': '2011-04-27',
      'fieldwork-end': '2011-05-12',
      'draft-report': '2011-05-19',
      'factual-check-due': '2011-05-26',
      publication: '2011-06-10',
      'complaints-close': '2011-07-10',
    })
  })

  it('dates the UCRA letter timeline over Christmas 2010 from the end of the inspection', () => {
    const timeline = timelineFor(getFramework('ucra-2009'), 'inspection', {
      event: 'fieldwork-end',
      date: '2010-12-21',
    })
    const dates = datesOf(timeline.milestones)
    assert.equal(dates['fieldwork-start'], '2010-12-20')
    assert.equal(dates['draft-letter'], '2010-12-30')
    assert.equal(dates['comments-due'], '2011-01-07')
    assert.equal(dates['final-letter'], '2011-01-14')
    const anchor = timeline.milestones.find(m => m.id === 'fieldwork-end')
    assert.equal(anchor?.direction, 'anchor')
    assert.equal(timeline.milestones.find(m => m.id === 'fieldwork-start')?.direction, 'backward')
  })

  it('dates JTAI fieldwork 10 working days after notification across the 2022 jubilee', () => {
    const timeline = timelineFor(getFramework('jtai'), undefined, { event: 'notification', date: '2022-05-23' })
    assert.equal(datesOf(timeline.milestones)['fieldwork-start'], '2022-06-08')
  })

  it('sorts milestones by date and gives every one a rule and a source', () => {
    const timeline = timelineFor(getFramework('ilacs-2023'), 'standard-inspection', {
      event: 'fieldwork-start',
      date: '2025-01-20',
    })
    const dates = timeline.milestones.map(m => m.date)
    assert.deepEqual(dates, [...dates].sort())
    for (const milestone of timeline.milestones) assert.ok(milestone.rule && milestone.source, milestone.id)
    // Doncaster: "20 to 31 January 2025".
    assert.equal(datesOf(timeline.milestones)['fieldwork-end'], '2025-01-31')
  })

  it('gives the same forward dates whichever milestone it starts from, when that date is a working day', () => {
    const spec = getFramework('ucra-2009').inspectionTypes[0]?.timeline as TimelineSpec
    const day = fc.integer({ min: Date.UTC(2005, 0, 1) / 864e5, max: Date.UTC(2030, 0, 1) / 864e5 })
    fc.assert(
      fc.property(day, n => {
        const start = new Date(n * 864e5).toISOString().slice(0, 10)
        fc.pre(isWorkingDay(start))
        const fromStart = datesOf(buildTimeline(spec, { event: 'fieldwork-start', date: start }).milestones)
        const fromDraft = datesOf(
          buildTimeline(spec, { event: 'draft-letter', date: fromStart['draft-letter'] as string }).milestones,
        )
        return ['comments-due', 'final-letter', 'publication', 'complaints-close'].every(
          id => fromStart[id] === fromDraft[id],
        )
      }),
    )
  })

  it('rejects unknown anchors and broken specs', () => {
    assert.throws(
      () => buildTimeline({ milestones: [] }, { event: 'notification', date: '2024-01-01' }),
      TimelineSpecError,
    )
    const broken: TimelineSpec = {
      milestones: [{ id: 'a', label: 'A', after: 'missing', rule: 'r', source: 's', evidence: 'confirmed' }],
    }
    assert.throws(() => buildTimeline(broken, { event: 'a', date: '2024-01-01' }), TimelineSpecError)
  })
})

describe('forecastNextInspection', () => {
  const ilacs = getFramework('ilacs-2023').cycle as CycleRule[]

  it('puts an ILACS inspection six months either side of the three-year anniversary', () => {
    const forecast = forecastNextInspection(ilacs, { date: '2023-09-11', grade: 'good' }, '2025-01-01')
    assert.equal(forecast?.earliest, '2026-03-11')
    assert.equal(forecast?.expected, '2026-09-11')
    assert.equal(forecast?.latest, '2027-03-11')
    assert.equal(forecast?.overdue, false)
  })

  it('sets no date after an inadequate ILACS judgement (monitoring instead)', () => {
    const forecast = forecastNextInspection(ilacs, { date: '2023-09-11', grade: 'inadequate' })
    assert.equal(forecast?.expected, null)
    assert.equal(forecast?.latest, null)
    assert.match(forecast?.rule ?? '', /monitoring/)
  })

  it('finds an agency inspection overdue past its three-year cycle (Derby adoption, seed 002)', () => {
    const cycle = getFramework('agency-inspections-2012').cycle as CycleRule[]
    const forecast = forecastNextInspection(cycle, { date: '2009-06-15' }, '2013-07-01')
    assert.equal(forecast?.latest, '2012-06-15')
    assert.equal(forecast?.overdue, true)
    assert.equal(forecast?.daysOverdue, 381)
  })

  it('returns undefined when no rule covers the grade', () => {
    const rules: CycleRule[] = [
      { kind: 'at-least-every', months: 12, afterGrades: ['good'], rule: 'r', source: 's', evidence: 'confirmed' },
    ]
    assert.equal(forecastNextInspection(rules, { date: '2020-01-01', grade: 'inadequate' }), undefined)
  })
})
