import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  buildTwentyDayUpdate,
  checkThemeInput,
  copyTemplate,
  CHILDS_JOURNEY_AUDIT,
  defaultTaxonomy,
  excerpt,
  newThemeId,
  planItemsFromThemes,
  questionsOf,
  readCustomTemplate,
  readThemeItemMarker,
  reviseTemplate,
  sectionsFromText,
  templateToText,
  themeFindings,
  themeItemMarker,
  twentyDayPeriod,
  type AuditFinding,
  type AuditRound,
} from '../../../src/domain/audits/index.js'

const finding = (overrides: Partial<AuditFinding> = {}): AuditFinding => ({
  team: 'Team A',
  completedOn: '2026-11-10',
  overall: 'good',
  answers: {},
  themes: [],
  strengths: '',
  areasForImprovement: '',
  actions: '',
  safeguardingConcern: false,
  ...overrides,
})

describe('custom audit templates', () => {
  const valid = {
    id: 'neglect-audit',
    label: 'Neglect audit',
    sections: [
      {
        label: 'Assessment',
        questions: [
          { label: 'Use of the graded care profile', scale: 'yes-partly-no', guidance: 'Was a GCP2 used?' },
          { label: 'Quality of assessment' },
        ],
      },
    ],
  }

  it('reads a valid template, making ids from labels and defaulting to the four-point scale', () => {
    const { template, problems } = readCustomTemplate(valid)
    assert.deepEqual(problems, [])
    assert.equal(template!.version, 1)
    assert.deepEqual(
      questionsOf(template!).map(question => [question.id, question.scale]),
      [
        ['use-of-the-graded-care-profile', 'yes-partly-no'],
        ['quality-of-assessment', 'ofsted-4'],
      ],
    )
  })

  const bad: [string, unknown, RegExp][] = [
    ['not an object', [], /must be a JSON object/],
    ['a built-in id', { ...valid, id: 'childs-journey' }, /built-in template/],
    ['an id with capitals', { ...valid, id: 'Neglect' }, /^id must be/],
    ['no sections', { ...valid, sections: [] }, /at least one section/],
    [
      'a section without questions',
      { ...valid, sections: [{ label: 'A', questions: [] }] },
      /sections\[0\]\.questions/,
    ],
    [
      'an unknown scale',
      { ...valid, sections: [{ label: 'A', questions: [{ label: 'Q', scale: 'ten-point' }] }] },
      /sections\[0\]\.questions\[0\]\.scale must be one of ofsted-4, yes-partly-no/,
    ],
    [
      'a repeated question id',
      {
        ...valid,
        sections: [
          {
            label: 'A',
            questions: [
              { id: 'q', label: 'Q' },
              { id: 'q', label: 'R' },
            ],
          },
        ],
      },
      /"q" is used twice/,
    ],
    [
      'too long a label',
      { ...valid, sections: [{ label: 'A', questions: [{ label: 'x'.repeat(301) }] }] },
      /300 characters or fewer/,
    ],
  ]
  for (const [name, value, message] of bad)
    it(`refuses ${name}, saying where`, () => {
      const result = readCustomTemplate(value)
      assert.equal(result.template, null)
      assert.match(result.problems.join('\n'), message)
    })

  it('revises to the next version, keeping the ids of unchanged questions and leaving the old version as it was', () => {
    const first = readCustomTemplate(valid).template!
    const text = `${templateToText(first)}\nVoice of the child | ofsted-4 | Are the child's words recorded?`
    const { sections, problems } = sectionsFromText(text, first)
    assert.deepEqual(problems, [])
    const second = reviseTemplate(first, { sections }).template!
    assert.equal(second.version, 2)
    assert.deepEqual(
      questionsOf(second).map(question => question.id),
      ['use-of-the-graded-care-profile', 'quality-of-assessment', 'voice-of-the-child'],
    )
    assert.equal(questionsOf(first).length, 2)
  })

  it('does not let a new label take an id an unchanged question keeps', () => {
    const first = readCustomTemplate({
      id: 'x',
      label: 'X',
      sections: [{ label: 'S', questions: [{ id: 'plan', label: 'Quality of the plan' }] }],
    }).template!
    const { sections } = sectionsFromText('# S\nPlan\nQuality of the plan', first)
    const ids = questionsOf(reviseTemplate(first, { sections }).template!).map(question => question.id)
    assert.deepEqual(ids, ['plan-2', 'plan'])
  })

  it('reports a question before any section heading by its line', () => {
    assert.match(sectionsFromText('\nA question')!.problems[0]!, /^Line 2: start with a section heading/)
  })

  it('copies a built-in template as version 1 of a custom one', () => {
    const copy = copyTemplate(CHILDS_JOURNEY_AUDIT, 'our-journey', 'Our child’s journey').template!
    assert.equal(copy.version, 1)
    assert.deepEqual(
      questionsOf(copy).map(question => question.id),
      questionsOf(CHILDS_JOURNEY_AUDIT).map(question => question.id),
    )
  })

  it('round-trips any template through its text form (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.constantFrom('Assessment', 'Planning', 'Assessment'),
            questions: fc.array(
              fc.record({
                label: fc.oneof(
                  fc.constantFrom('Risk', 'Plan'),
                  fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/),
                ),
                scale: fc.constantFrom('ofsted-4', 'yes-partly-no'),
              }),
              {
                minLength: 1,
                maxLength: 4,
              },
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        sections => {
          const first = readCustomTemplate({ id: 't', label: 'T', sections })
          fc.pre(first.template !== null)
          const again = reviseTemplate(
            first.template!,
            sectionsFromText(templateToText(first.template!), first.template!),
          )
          assert.deepEqual(again.template!.sections, first.template!.sections)
        },
      ),
      { seed: 6, numRuns: 100 },
    )
  })
})

describe('theme taxonomy', () => {
  it('starts from seed 004’s themes', () => {
    const taxonomy = defaultTaxonomy()
    assert.ok(taxonomy.some(theme => theme.id === 'multi-agency-working' && theme.source === 'seed 004 §3.1'))
    assert.ok(taxonomy.every(theme => !theme.retired && theme.version === 1))
  })

  it('cleans phrases and refuses a blank or duplicate name', () => {
    const ok = checkThemeInput({ label: '  Neglect  ', phrases: 'neglect, graded care profile\nneglect\n' }, [])
    assert.deepEqual(ok.theme, { label: 'Neglect', phrases: ['neglect', 'graded care profile'] })
    assert.equal(checkThemeInput({ label: ' ', phrases: '' }, []).errors?.label, 'Enter a name for the theme')
    assert.equal(
      checkThemeInput({ label: 'early HELP', phrases: '' }, defaultTaxonomy()).errors?.label,
      'There is already a theme with that name',
    )
  })

  it('never reuses a theme id', () => {
    assert.equal(newThemeId('Early help', ['early-help', 'early-help-2']), 'early-help-3')
  })
})

describe('thematic findings and the 20-day update', () => {
  const audits = [
    finding({
      themes: ['early-help'],
      overall: 'good',
      strengths: 'Strong  early\nhelp offer',
      completedOn: '2026-11-02',
    }),
    finding({
      themes: ['early-help', 'social-work-practice'],
      overall: 'requires-improvement',
      areasForImprovement: 'Plan drifted',
      actions: 'Review the plan in supervision',
      completedOn: '2026-11-03',
      safeguardingConcern: true,
    }),
    finding({
      themes: ['social-work-practice', 'social-work-practice'],
      overall: 'inadequate',
      completedOn: '2026-10-01',
    }),
  ]

  it('counts each theme once per audit, most frequent first, with grades and examples', () => {
    const found = themeFindings(audits, defaultTaxonomy())
    assert.deepEqual(
      found.map(item => [item.themeId, item.audits, item.share]),
      [
        ['early-help', 2, 66.7],
        ['social-work-practice', 2, 66.7],
      ],
    )
    assert.deepEqual(found[0]!.grades, { outstanding: 0, good: 1, 'requires-improvement': 1, inadequate: 0 })
    assert.deepEqual(found[0]!.strengths, ['Strong early help offer'])
    assert.deepEqual(found[1]!.actions, ['Review the plan in supervision'])
  })

  it('keeps only audits completed in the period, with progress and concerns', () => {
    const update = buildTwentyDayUpdate({
      period: twentyDayPeriod('2026-11-20'),
      audits,
      progress: { due: 3, completed: 2, signedOff: 1, overdue: 1, inProgress: 0 },
      moderations: [{ compared: 10, agreed: 8, rate: 80, overallAgreed: true, disagreements: [] }],
      taxonomy: defaultTaxonomy(),
    })
    assert.deepEqual(update.period, { from: '2026-11-01', to: '2026-11-20' })
    assert.equal(update.audits, 2)
    assert.equal(update.safeguardingConcerns, 1)
    assert.equal(update.themes.find(theme => theme.themeId === 'social-work-practice')?.audits, 1)
    assert.equal(update.moderation.questionRate, 80)
  })

  it('cuts long text at the excerpt length', () => {
    assert.equal(excerpt('abcdef', 4), 'abc…')
    assert.equal(excerpt('  a \n b  '), 'a b')
  })
})

describe('plan items from themes', () => {
  const round: AuditRound = { kind: 'sample', sampleId: '0f2b8c1e-2a4b-4c6d-8e0f-1a2b3c4d5e6f' }
  const findings = themeFindings(
    [
      finding({ themes: ['early-help'], areasForImprovement: 'Slow step-down', actions: 'Agree step-down protocol' }),
      finding({ themes: ['leadership'] }),
    ],
    defaultTaxonomy(),
  )

  it('makes one item per theme whose source reference links back to the round and theme', () => {
    const { drafts } = planItemsFromThemes({ round, findings, totalAudits: 2 })
    assert.equal(drafts.length, 2)
    const first = drafts[0]!
    assert.equal(first.ref, 'CA1')
    assert.match(first.issue, /^Early help: tagged in 1 of 2 audits \(sample 0f2b8c1e\); overall grades 1 good\./)
    // Counts only: the auditors' words about cases never reach a plan that viewers and committee papers read.
    assert.match(first.issue, /1 area for improvement recorded/)
    assert.match(first.action, /1 action proposed by auditors/)
    assert.doesNotMatch(`${first.issue} ${first.action}`, /Slow step-down|Agree step-down protocol/)
    assert.deepEqual(readThemeItemMarker(first.sourceReference), { round, themeId: 'early-help' })
    assert.ok(first.sourceReference.length <= 500)
  })

  it('skips themes already in the plan and those not chosen', () => {
    const { drafts, skipped } = planItemsFromThemes({
      round,
      findings,
      totalAudits: 2,
      existingMarkers: [themeItemMarker(round, 'early-help')],
      firstRef: 4,
    })
    assert.deepEqual(
      drafts.map(draft => [draft.themeId, draft.ref]),
      [['leadership', 'CA4']],
    )
    assert.deepEqual(skipped, ['early-help'])
    assert.equal(planItemsFromThemes({ round, findings, totalAudits: 2, themeIds: ['leadership'] }).drafts.length, 1)
  })

  it('reads back period markers, and nothing from ordinary references', () => {
    const period: AuditRound = { kind: 'period', from: '2026-11-01', to: '2026-11-20' }
    assert.deepEqual(readThemeItemMarker(`x ${themeItemMarker(period, 'early-help')}`), {
      round: period,
      themeId: 'early-help',
    })
    assert.equal(readThemeItemMarker('Ofsted report 2024, paragraph 12'), null)
  })
})
