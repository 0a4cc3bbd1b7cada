import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { readCustomPlan } from '../../../src/domain/sampling/index.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { auditActions, contextOf, importSyntheticRun } from './fixtures.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>
type Fields = Record<string, string | readonly string[]>

/** A form body as the browser sends it: repeated names for ticked checkboxes. */
function form(fields: Fields): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item)
  return params.toString()
}

function post(agent: Agent, path: string, page: string, fields: Fields) {
  return agent
    .post(path)
    .type('form')
    .send(form({ _csrf: csrfTokenFrom(page), ...fields }))
}

/** The links of the GOV.UK error summary, as [text, href] pairs. */
function summaryLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(match => [
    match[2]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .trim(),
    match[1]!,
  ])
}

/** A valid two-stratum plan as the form sends it. */
const planFields: Fields = {
  strataCount: '2',
  label: 'Neglect and re-referrals',
  id: 'neglect-and-rereferrals',
  description: '',
  balanceBy: 'team',
  excludeDays: '90',
  's0-label': 'Open plans for neglect',
  's0-id': '',
  's0-lists': ['7'],
  's0-quotaKind': 'number',
  's0-quota': '3',
  's0-f0-column': 'latestCategory',
  's0-f0-operator': 'in',
  's0-f0-value': 'a) Neglect; b) Physical abuse',
  's0-f1-column': 'cpEndDate',
  's0-f1-operator': 'blank',
  's0-f1-value': '',
  's1-label': 'Re-referred children',
  's1-id': 're-referred',
  's1-lists': ['3'],
  's1-quotaKind': 'all',
  's1-quota': '',
  's1-f0-column': '',
  's1-f0-operator': 'onList',
  's1-f0-value': '4',
}

describe('sampling plan pages', () => {
  let t: TestApp
  let runId: string
  let lead: Agent
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
    lead = await signedInAgent(t.app, t.orgA.users.lead.email)
  })
  after(async () => t.close())

  it('lists the built-in plans with their strata, read-only, to leads and auditors only', async () => {
    const page = await lead.get('/audits/sampling-plans').expect(200)
    assert.match(page.text, /Sampling plans/)
    assert.match(page.text, /id="strata-sif-2013-case-audit"/)
    assert.match(page.text, /Case Status is not “e\) Closed episode”/)
    assert.match(page.text, /href="\/audits\/sampling-plans\/new"/)
    assert.match(page.text, /Your organisation has not stored any plans yet/)
    const builtIn = await lead.get('/audits/sampling-plans/baseline-open-cases').expect(200)
    assert.match(builtIn.text, /Built-in plan/)
    assert.doesNotMatch(builtIn.text, /\/edit"/)
    assert.match(builtIn.text, /Copy into a new plan/)
    await lead.get('/audits/sampling-plans/baseline-open-cases/edit').expect(404)
    await lead.get('/audits/sampling-plans/no-such-plan').expect(404)
    await lead.get('/audits/sampling-plans/columns').expect(200)

    const auditor = await signedInAgent(t.app, t.orgA.users.auditor.email)
    const seen = await auditor.get('/audits/sampling-plans').expect(200)
    assert.doesNotMatch(seen.text, /href="\/audits\/sampling-plans\/new"/)
    await auditor.get('/audits/sampling-plans/new').expect(403)
    await auditor.get('/audits/sampling-plans/import').expect(403)
    for (const role of ['viewer', 'analyst'] as const) {
      const agent = await signedInAgent(t.app, t.orgA.users[role].email)
      await agent.get('/audits/sampling-plans').expect(403)
    }
    // Home and draw pages link here.
    assert.match((await lead.get('/audits').expect(200)).text, /href="\/audits\/sampling-plans"/)
    assert.match((await lead.get('/audits/samples/new').expect(200)).text, /href="\/audits\/sampling-plans"/)
  })

  it('adds a stratum without JavaScript, lists every error linked to its field, and saves nothing', async () => {
    const page = await lead.get('/audits/sampling-plans/new').expect(200)
    assert.match(page.text, /name="s0-label"/)
    assert.doesNotMatch(page.text, /name="s1-label"/)
    const more = await post(lead, '/audits/sampling-plans/new', page.text, {
      strataCount: '1',
      label: 'Typed so far',
      action: 'add-stratum',
    }).expect(302)
    assert.equal(more.headers.location, '/audits/sampling-plans/new#s1-label')
    const two = await lead.get('/audits/sampling-plans/new').expect(200)
    assert.match(two.text, /name="s1-label"/)
    assert.match(two.text, /value="Typed so far"/)
    assert.doesNotMatch(two.text, /There is a problem/)

    await post(lead, '/audits/sampling-plans/new', two.text, {
      ...planFields,
      id: 'Bad Id',
      excludeDays: 'ninety',
      's0-lists': [],
      's0-quota': '0',
      's0-f0-value': 'Neglect',
      's0-f1-column': '',
      's1-quotaKind': '',
      's1-f0-value': '12',
    }).expect(302)
    const errors = await lead.get('/audits/sampling-plans/new').expect(200)
    assert.deepEqual(summaryLinks(errors.text), [
      ['The short id must be lower-case letters, digits and hyphens, like neglect-cases', '#id'],
      ['Enter the number of days as a whole number, like 90, or leave it blank', '#excludeDays'],
      ['Select at least one Annex A list for stratum 1', '#s0-lists'],
      ['Enter the number of cases for stratum 1, a whole number from 1 to 1,000', '#s0-quota'],
      [
        '“Neglect” is not a code of Latest Category of Abuse (filter 1 of stratum 1): use one of a) Neglect; b) Physical abuse; c) Sexual abuse; d) Emotional abuse; e) Multiple/not recommended',
        '#s0-f0-value',
      ],
      ['Select a column for filter 2 of stratum 1', '#s0-f1-column'],
      ['Select how many cases to draw for stratum 2', '#s1-quotaKind'],
      ['Enter the list for filter 1 of stratum 2, a number from 1 to 11', '#s1-f0-value'],
    ])
    // Each field the summary links to exists, with its message beside it, and what was typed is kept.
    for (const [, href] of summaryLinks(errors.text)) assert.match(errors.text, new RegExp(`id="${href.slice(1)}"`))
    assert.match(errors.text, /id="s0-quota-error"/)
    assert.match(errors.text, /value="Neglect"/)
    assert.equal((await t.services.audits.samplingPlans.list(contextOf(t, 'orgA', 'lead'))).length, 0)

    // A form filled to its limits (six strata, every list ticked, every filter row) stays under the body parser's
    // 200-field limit, so it is read rather than refused.
    const full: Fields = {
      strataCount: '6',
      id: 'full',
      label: 'Full',
      description: '',
      balanceBy: '',
      excludeDays: '',
    }
    for (let stratum = 0; stratum < 6; stratum += 1) {
      Object.assign(full, {
        [`s${stratum}-label`]: `Stratum ${stratum}`,
        [`s${stratum}-id`]: '',
        [`s${stratum}-lists`]: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'],
        [`s${stratum}-quotaKind`]: 'number',
        [`s${stratum}-quota`]: '1',
        [`s${stratum}-remove`]: 'yes',
      })
      for (let row = 0; row < 4; row += 1)
        Object.assign(full, {
          [`s${stratum}-f${row}-column`]: 'cpEndDate',
          [`s${stratum}-f${row}-operator`]: 'blank',
          [`s${stratum}-f${row}-value`]: '',
        })
    }
    await post(lead, '/audits/sampling-plans/new', errors.text, {
      ...full,
      previewRun: '',
      expectedVersion: '',
      action: 'add-stratum',
    }).expect(302)
    assert.match((await lead.get('/audits/sampling-plans/new')).text, /The form holds 6 strata/)
  })

  it('saves a plan from the form, then edits it with optimistic locking', async () => {
    const page = await lead.get('/audits/sampling-plans/new').expect(200)
    const saved = await post(lead, '/audits/sampling-plans/new', page.text, planFields).expect(302)
    assert.equal(saved.headers.location, '/audits/sampling-plans/neglect-and-rereferrals')
    const shown = await lead.get(saved.headers.location).expect(200)
    assert.match(shown.text, /Plan “Neglect and re-referrals” saved \(version 1\)/)
    assert.match(shown.text, /Latest Category of Abuse is “a\) Neglect” or “b\) Physical abuse”/)
    const stored = await t.services.audits.samplingPlans.get(contextOf(t, 'orgA', 'lead'), 'neglect-and-rereferrals')
    assert.deepEqual(
      { ...stored.plan, source: undefined },
      {
        id: 'neglect-and-rereferrals',
        label: 'Neglect and re-referrals',
        description: '',
        source: undefined,
        origin: 'custom',
        balanceBy: 'team',
        excludeAuditedWithinDays: 90,
        strata: [
          {
            id: 'open-plans-for-neglect',
            label: 'Open plans for neglect',
            lists: [7],
            quota: 3,
            filters: [
              { column: 'latestCategory', in: ['a) Neglect', 'b) Physical abuse'] },
              { column: 'cpEndDate', blank: true },
            ],
          },
          {
            id: 're-referred',
            label: 'Re-referred children',
            lists: [3],
            quota: 'all',
            filters: [{ childOnList: 4, present: true }],
          },
        ],
      },
    )
    assert.ok((await auditActions(t, t.orgA.organisationId)).includes('sampling-plan.created'))
    // The same id again is refused beside the id field.
    const again = await lead.get('/audits/sampling-plans/new').expect(200)
    await post(lead, '/audits/sampling-plans/new', again.text, planFields).expect(302)
    assert.deepEqual(summaryLinks((await lead.get('/audits/sampling-plans/new')).text), [
      ['There is already a stored plan with id "neglect-and-rereferrals"', '#id'],
    ])

    // Edit: the form comes back filled in, with the version read.
    const edit = await lead.get('/audits/sampling-plans/neglect-and-rereferrals/edit').expect(200)
    assert.match(edit.text, /name="expectedVersion" value="1"/)
    assert.match(edit.text, /value="a\) Neglect; b\) Physical abuse"/)
    assert.doesNotMatch(edit.text, /name="id"/)
    const editFields = { ...planFields, expectedVersion: '1', label: 'Renamed plan', 's0-id': 'open-plans-for-neglect' }
    // Removing the second stratum with its checkbox.
    await post(lead, '/audits/sampling-plans/neglect-and-rereferrals/edit', edit.text, {
      ...editFields,
      's1-remove': 'yes',
    }).expect(302, /\/audits\/sampling-plans\/neglect-and-rereferrals$/)
    const second = await t.services.audits.samplingPlans.get(contextOf(t, 'orgA', 'lead'), 'neglect-and-rereferrals')
    assert.equal(second.version, 2)
    assert.equal(second.label, 'Renamed plan')
    assert.deepEqual(
      second.plan.strata.map(stratum => stratum.id),
      ['open-plans-for-neglect'],
    )
    // A second save from the same (now stale) form is refused, and what was typed comes back.
    await post(lead, '/audits/sampling-plans/neglect-and-rereferrals/edit', edit.text, {
      ...editFields,
      label: 'Stale edit',
    }).expect(302)
    const conflict = await lead.get('/audits/sampling-plans/neglect-and-rereferrals/edit').expect(200)
    assert.match(conflict.text, /This sampling plan was changed by someone else while you were editing it/)
    assert.match(conflict.text, /value="Stale edit"/)
    const after = await t.services.audits.samplingPlans.get(contextOf(t, 'orgA', 'lead'), 'neglect-and-rereferrals')
    assert.equal(after.version, 2)
    assert.equal(after.label, 'Renamed plan')

    // Another organisation sees none of it.
    const other = await signedInAgent(t.app, t.orgB.users.lead.email)
    await other.get('/audits/sampling-plans/neglect-and-rereferrals').expect(404)
    await other.get('/audits/sampling-plans/neglect-and-rereferrals/edit').expect(404)
  })

  it('previews the draw per stratum from a stored run, logs the look, and stores no sample', async () => {
    const page = await lead.get('/audits/sampling-plans/new').expect(200)
    assert.match(page.text, new RegExp(`<option value="${runId}">synthetic\\.xlsx`))
    const noRun = await post(lead, '/audits/sampling-plans/new', page.text, {
      ...planFields,
      id: 'previewed',
      action: 'preview',
    }).expect(302)
    assert.equal(noRun.headers.location, '/audits/sampling-plans/new')
    assert.deepEqual(summaryLinks((await lead.get('/audits/sampling-plans/new')).text), [
      ['Select the Annex A test run to preview the draw with', '#previewRun'],
    ])
    const samplesBefore = await t.database.db.selectFrom('audit_sample').select('sample_id').execute()
    const previewViews = () =>
      t.database.db
        .selectFrom('audit_event')
        .select(['subject_id', 'details'])
        .where('organisation_id', '=', t.orgA.organisationId)
        .where('action', '=', 'child-data.view')
        .where('subject_type', '=', 'annex-a-run')
        .orderBy('occurred_at')
        .execute()
    const viewsBefore = await previewViews()
    const previewed = await post(lead, '/audits/sampling-plans/new', page.text, {
      ...planFields,
      id: 'previewed',
      action: 'preview',
      previewRun: runId,
    }).expect(302)
    assert.equal(previewed.headers.location, '/audits/sampling-plans/new#preview')
    const shown = await lead.get('/audits/sampling-plans/new').expect(200)
    assert.match(shown.text, /id="preview-results"/)
    assert.match(shown.text, /value="previewed"/)
    // The counts are the real draw's: same plan, same run.
    const plan = await t.services.audits.samples.preview(contextOf(t, 'orgA', 'lead'), {
      runId,
      plan: {
        ...readCustomPlan({
          id: 'previewed',
          label: 'x',
          balanceBy: 'team',
          excludeAuditedWithinDays: 90,
          strata: [
            {
              id: 'open-plans-for-neglect',
              lists: [7],
              quota: 3,
              filters: [
                { column: 'latestCategory', in: ['a) Neglect', 'b) Physical abuse'] },
                { column: 'cpEndDate', blank: true },
              ],
            },
            { id: 're-referred', lists: [3], quota: 'all', filters: [{ childOnList: 4, present: true }] },
          ],
        }).plan!,
      },
    })
    const cells = [
      ...shown.text.matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)<\/td>/g),
    ].map(match => match[1])
    assert.deepEqual(
      cells,
      plan.strata.flatMap(row => [
        String(row.eligible),
        String(row.drawn),
        row.shortfall ? String(row.shortfall) : '–',
      ]),
    )
    assert.ok(plan.strata[1]!.drawn > 0, 'the re-referral stratum draws every eligible case')
    assert.equal(plan.strata[0]!.drawn, 3)
    const samplesAfter = await t.database.db.selectFrom('audit_sample').select('sample_id').execute()
    assert.equal(samplesAfter.length, samplesBefore.length)
    // One from the page, one from the direct call above; ids and counts only.
    const events = (await previewViews()).slice(viewsBefore.length)
    assert.equal(events.length, 2)
    assert.equal(events[0]!.subject_id, runId)
    assert.deepEqual(events[0]!.details, { purpose: 'sampling-plan-preview', plan: 'previewed', cases: plan.cases })
    assert.equal(
      (await t.services.audits.samplingPlans.list(contextOf(t, 'orgA', 'lead'))).some(
        entry => entry.planId === 'previewed',
      ),
      false,
    )
    // Previewing needs child-data access and audits:manage: an auditor is refused.
    const auditor = await signedInAgent(t.app, t.orgA.users.auditor.email)
    const list = await auditor.get('/audits/sampling-plans').expect(200)
    await post(auditor, '/audits/sampling-plans/new', list.text, {
      ...planFields,
      action: 'preview',
      previewRun: runId,
    }).expect(403)
  })

  it('stores a pasted JSON plan, listing every problem with where it is, and edits it as JSON', async () => {
    const page = await lead.get('/audits/sampling-plans/import').expect(200)
    await post(lead, '/audits/sampling-plans/import', page.text, { planJson: '{\n  "id": "x",\n  "strata": [}\n}' })
    assert.deepEqual(summaryLinks((await lead.get('/audits/sampling-plans/import')).text), [
      ["The JSON is not valid at line 3, column 14: Unexpected token '}'", '#planJson'],
    ])
    const broken = {
      id: 'pasted-plan',
      label: 'Pasted',
      strata: [
        { id: 'ok', lists: [8], quota: 2 },
        { id: 'cp', label: 'Child protection', lists: [12], quota: 0, filters: [{ column: 'x', like: 'y' }] },
      ],
    }
    await post(lead, '/audits/sampling-plans/import', page.text, { planJson: JSON.stringify(broken) }).expect(302)
    const problems = await lead.get('/audits/sampling-plans/import').expect(200)
    assert.deepEqual(summaryLinks(problems.text), [
      ['Stratum 2 (“Child protection”): lists must list Annex A lists 1 to 11', '#planJson'],
      ['Stratum 2 (“Child protection”): quota must be "all" or a whole number from 1 to 1000', '#planJson'],
      ['Stratum 2 (“Child protection”), filter 1: is not a filter we know (see docs/audits.md)', '#planJson'],
    ])
    assert.match(problems.text, /&quot;id&quot;:&quot;pasted-plan&quot;/)
    const fixed = { ...broken, strata: [broken.strata[0]] }
    await post(lead, '/audits/sampling-plans/import', page.text, { planJson: JSON.stringify(fixed) }).expect(
      302,
      /\/audits\/sampling-plans\/pasted-plan$/,
    )
    const json = await lead.get('/audits/sampling-plans/pasted-plan/json').expect(200)
    assert.match(json.text, /name="expectedVersion" value="1"/)
    await post(lead, '/audits/sampling-plans/pasted-plan/json', json.text, {
      expectedVersion: '1',
      planJson: JSON.stringify({ ...fixed, id: 'renamed' }),
    }).expect(302)
    assert.match(
      (await lead.get('/audits/sampling-plans/pasted-plan/json')).text,
      /The id must stay &quot;pasted-plan&quot;/,
    )
    await post(lead, '/audits/sampling-plans/pasted-plan/json', json.text, {
      expectedVersion: '1',
      planJson: JSON.stringify({ ...fixed, label: 'Pasted, edited' }),
    }).expect(302, /\/audits\/sampling-plans\/pasted-plan$/)
    await post(lead, '/audits/sampling-plans/pasted-plan/json', json.text, {
      expectedVersion: '1',
      planJson: JSON.stringify({ ...fixed, label: 'Stale' }),
    }).expect(302)
    assert.match((await lead.get('/audits/sampling-plans/pasted-plan/json')).text, /changed by someone else/)
    const stored = await t.services.audits.samplingPlans.get(contextOf(t, 'orgA', 'lead'), 'pasted-plan')
    assert.equal(stored.label, 'Pasted, edited')
    assert.equal(stored.version, 2)
    // Without the CSRF token nothing is stored.
    await lead
      .post('/audits/sampling-plans/import')
      .type('form')
      .send(form({ planJson: JSON.stringify({ ...fixed, id: 'no-token' }) }))
      .expect(403)
    await t.services.audits.samplingPlans
      .get(contextOf(t, 'orgA', 'lead'), 'no-token')
      .then(() => assert.fail('stored without a CSRF token'))
      .catch(error => assert.equal((error as Error).message, 'No such sampling plan'))
  })

  it('draws a sample from a plan made on these pages', async () => {
    const page = await lead.get('/audits/samples/new').expect(200)
    assert.match(page.text, /value="pasted-plan"/)
    const drawn = await post(lead, '/audits/samples/new', page.text, {
      runId,
      plan: 'pasted-plan',
      seed: 'web-plan',
    }).expect(302)
    const sample = await lead.get(String(drawn.headers.location)).expect(200)
    assert.match(sample.text, /Sample drawn: 2 cases with seed web-plan/)
  })
})
