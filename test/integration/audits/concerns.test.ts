import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { CHILDS_JOURNEY_AUDIT } from '../../../src/domain/audits/index.js'
import { exportAuditSummaryXlsx } from '../../../src/services/audits/exportAuditSummaryXlsx.js'
import { exportTwentyDayUpdateDocx } from '../../../src/services/audits/exportTwentyDayUpdateDocx.js'
import { englandDate } from '../../../src/services/audits/today.js'
import type { RequestContext } from '../../../src/services/context.js'
import { ForbiddenError, ValidationError } from '../../../src/services/errors.js'
import type { UserSummary } from '../../../src/services/platform/userService.js'
import { runCliInProcess } from '../../support/cli.js'
import { docxText } from '../../support/docxText.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf } from './fixtures.js'
import { answersFor, assignedRound } from './roundFixture.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

function post(agent: Agent, path: string, page: string, fields: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page), ...fields })
}

const asUser = (user: UserSummary): RequestContext => ({
  actor: { kind: 'user', userId: user.userId, organisationId: user.organisationId, role: user.role, label: user.email },
})

const NOTE = 'Rang the team manager at 14:10; strategy discussion booked for tomorrow morning.'

describe('safeguarding concerns escalated to a named manager', () => {
  let t: TestApp
  /** Audits of the auditor: [0], [1] and [8] submitted, the rest in progress. */
  let ids: string[]
  let secondAuditor: UserSummary
  let thirdAuditor: UserSummary
  const lead = () => contextOf(t, 'orgA', 'lead')
  const admin = () => contextOf(t, 'orgA', 'admin')
  const auditor = () => contextOf(t, 'orgA', 'auditor')

  async function concernRow(auditId: string) {
    return t.database.db
      .selectFrom('case_audit')
      .select([
        'safeguarding_concern',
        'concern_manager',
        'concern_manager_user_id',
        'concern_raised_by_user_id',
        'concern_acknowledged_at',
        'concern_acknowledged_by',
        'concern_acknowledgement',
      ])
      .where('organisation_id', '=', t.orgA.organisationId)
      .where('audit_id', '=', auditId)
      .executeTakeFirstOrThrow()
  }
  async function events(action: string) {
    return t.database.db
      .selectFrom('audit_event')
      .select(['subject_id', 'subject_type', 'details', 'actor_user_id'])
      .where('organisation_id', '=', t.orgA.organisationId)
      .where('action', '=', action)
      .orderBy('occurred_at')
      .execute()
  }

  before(async () => {
    t = await startTestApp()
    ;({ ids, secondAuditor, thirdAuditor } = await assignedRound(t, 'concerns'))
    const { caseAudits } = t.services.audits
    assert.equal(ids.length, 9)
    for (const auditId of [ids[0]!, ids[1]!, ids[8]!])
      await caseAudits.record(
        auditor(),
        auditId,
        { answers: answersFor(CHILDS_JOURNEY_AUDIT, 'good'), overallGrade: 'good', strengths: 'Clear plan' },
        { submit: true },
      )
  })
  after(async () => t.close())

  it('refuses a manager who is not a lead or administrator of the organisation, and writes nothing', async () => {
    const { caseAudits } = t.services.audits
    const raisedBefore = (await events('case-audit.safeguarding-concern-raised')).length
    for (const [context, managerUserId, message] of [
      [auditor(), t.orgA.users.analyst.userId, 'Select a lead or administrator of your organisation'],
      [auditor(), t.orgA.users.auditor.userId, 'Select a lead or administrator of your organisation'],
      [auditor(), t.orgB.users.lead.userId, 'Select the manager you have told from the list'],
      [auditor(), '', 'Select the manager you have told from the list'],
      [auditor(), 'Team Manager A', 'Select the manager you have told from the list'],
      [lead(), t.orgA.users.lead.userId, 'Select a manager other than yourself'],
    ] as const)
      await assert.rejects(
        caseAudits.raiseSafeguardingConcern(context, ids[0]!, { managerUserId }),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError, String(error))
          assert.deepEqual(error.fieldErrors, { managerUserId: message })
          return true
        },
      )
    // A manager without an account needs a name, of at most 200 characters.
    for (const [managerName, message] of [
      ['  ', 'Enter the name of the manager you told'],
      ['x'.repeat(201), 'The manager’s name must be 200 characters or fewer'],
    ] as const)
      await assert.rejects(
        caseAudits.raiseSafeguardingConcern(auditor(), ids[0]!, { managerName }),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError, String(error))
          assert.deepEqual(error.fieldErrors, { managerName: message })
          return true
        },
      )
    // Someone else's audit, or another organisation's, is not found.
    await assert.rejects(
      caseAudits.raiseSafeguardingConcern(contextOf(t, 'orgB', 'lead'), ids[0]!, {
        managerUserId: t.orgB.users.admin.userId,
      }),
      /No such audit/,
    )
    const row = await concernRow(ids[0]!)
    assert.equal(row.safeguarding_concern, false)
    assert.equal(row.concern_manager_user_id, null)
    assert.equal((await events('case-audit.safeguarding-concern-raised')).length, raisedBefore)
  })

  it('escalates at once to the named manager, who sees it until they acknowledge it with a note', async () => {
    const { caseAudits } = t.services.audits
    const named = await caseAudits.raiseSafeguardingConcern(auditor(), ids[0]!, {
      managerUserId: t.orgA.users.lead.userId,
    })
    assert.deepEqual(named, { managerUserId: t.orgA.users.lead.userId, managerName: 'Test lead A' })
    const row = await concernRow(ids[0]!)
    assert.equal(row.safeguarding_concern, true)
    assert.equal(row.concern_manager_user_id, t.orgA.users.lead.userId)
    assert.equal(row.concern_manager, 'Test lead A')
    assert.equal(row.concern_raised_by_user_id, t.orgA.users.auditor.userId)
    const [raised] = (await events('case-audit.safeguarding-concern-raised')).slice(-1)
    assert.deepEqual(raised?.details, { manager: t.orgA.users.lead.userId, asModerator: false })

    // One concern per audit: a second is refused rather than overwriting the first.
    await assert.rejects(
      caseAudits.raiseSafeguardingConcern(lead(), ids[0]!, { managerUserId: t.orgA.users.admin.userId }),
      /already been raised/,
    )
    assert.equal((await concernRow(ids[0]!)).concern_manager_user_id, t.orgA.users.lead.userId)

    const forLead = await caseAudits.openConcerns(lead())
    assert.deepEqual(
      forLead.map(concern => [concern.auditId, concern.forYou, concern.managerName]),
      [[ids[0], true, 'Test lead A']],
    )
    assert.deepEqual(
      (await caseAudits.openConcerns(admin())).map(concern => concern.forYou),
      [false],
    )
    assert.equal(await caseAudits.openConcernsNamingMe(lead()), 1)
    assert.equal(await caseAudits.openConcernsNamingMe(admin()), 0)
    await assert.rejects(caseAudits.openConcerns(auditor()), ForbiddenError)
    const viewed = (await events('child-data.view')).filter(event => event.subject_type === 'safeguarding-concerns')
    assert.deepEqual(viewed.at(-1)?.details, { audits: [ids[0]] })

    // Only the named manager acknowledges; a note is required; the note stays out of the event.
    await assert.rejects(caseAudits.acknowledgeConcern(admin(), ids[0]!, { note: NOTE }), ForbiddenError)
    await assert.rejects(caseAudits.acknowledgeConcern(auditor(), ids[0]!, { note: NOTE }), ForbiddenError)
    await assert.rejects(caseAudits.acknowledgeConcern(lead(), ids[0]!, { note: '  ' }), /Enter what you have done/)
    await assert.rejects(caseAudits.acknowledgeConcern(lead(), ids[1]!, { note: NOTE }), /No safeguarding concern/)
    assert.equal((await concernRow(ids[0]!)).concern_acknowledged_at, null, 'refusals write nothing')
    assert.equal((await events('case-audit.safeguarding-concern-acknowledged')).length, 0)

    await caseAudits.acknowledgeConcern(lead(), ids[0]!, { note: `  ${NOTE}  ` })
    const acknowledged = await concernRow(ids[0]!)
    assert.ok(acknowledged.concern_acknowledged_at)
    assert.equal(acknowledged.concern_acknowledged_by, t.orgA.users.lead.userId)
    assert.equal(acknowledged.concern_acknowledgement, NOTE)
    assert.equal(acknowledged.safeguarding_concern, true, 'the concern itself never goes away')
    const [event] = await events('case-audit.safeguarding-concern-acknowledged')
    assert.equal(event?.subject_id, ids[0])
    assert.equal(event?.actor_user_id, t.orgA.users.lead.userId)
    assert.deepEqual(event?.details, { manager: t.orgA.users.lead.userId, standingIn: false })
    await assert.rejects(caseAudits.acknowledgeConcern(lead(), ids[0]!, { note: NOTE }), /already been acknowledged/)

    assert.deepEqual(await caseAudits.openConcerns(lead()), [])
    assert.equal(await caseAudits.openConcernsNamingMe(lead()), 0)
    const audit = await caseAudits.get(auditor(), ids[0]!)
    assert.equal(audit.safeguardingConcern, true)
    assert.equal(audit.concernAcknowledgement, NOTE)
    assert.equal(audit.concernForYou, false)
  })

  it('lets any lead stand in when the named manager can no longer act, and for concerns named in free text', async () => {
    const { caseAudits } = t.services.audits
    await caseAudits.raiseSafeguardingConcern(auditor(), ids[2]!, { managerUserId: t.orgA.users.admin.userId })
    assert.equal((await caseAudits.get(lead(), ids[2]!)).concernForYou, false)
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: new Date() })
      .where('user_id', '=', t.orgA.users.admin.userId)
      .execute()
    try {
      assert.equal((await caseAudits.get(lead(), ids[2]!)).concernForYou, true)
      assert.deepEqual(
        (await caseAudits.openConcerns(lead())).map(concern => [concern.auditId, concern.forYou]),
        [[ids[2], true]],
      )
      await caseAudits.acknowledgeConcern(lead(), ids[2]!, { note: 'Standing in while the administrator is away.' })
      assert.deepEqual((await events('case-audit.safeguarding-concern-acknowledged')).at(-1)?.details, {
        manager: t.orgA.users.admin.userId,
        standingIn: true,
      })
    } finally {
      await t.database.db
        .updateTable('app_user')
        .set({ disabled_at: null })
        .where('user_id', '=', t.orgA.users.admin.userId)
        .execute()
    }

    // A concern raised before managers were chosen from the organisation's people: only a name.
    await t.database.db
      .updateTable('case_audit')
      .set({ safeguarding_concern: true, concern_manager: 'Team Manager A', concern_raised_at: new Date() })
      .where('audit_id', '=', ids[3]!)
      .execute()
    const legacy = await caseAudits.openConcerns(admin())
    assert.deepEqual(
      legacy.map(concern => [concern.auditId, concern.managerUserId, concern.managerName, concern.forYou]),
      [[ids[3], null, 'Team Manager A', true]],
    )
    await caseAudits.acknowledgeConcern(admin(), ids[3]!, { note: 'Checked with Team Manager A: acted on.' })
    assert.deepEqual(await caseAudits.openConcerns(lead()), [])
  })

  it('records a concern told to a manager without an account, which any lead or administrator acknowledges', async () => {
    const { caseAudits } = t.services.audits
    const named = await caseAudits.raiseSafeguardingConcern(auditor(), ids[6]!, {
      managerName: '  Jo Smith, team manager  ',
    })
    assert.deepEqual(named, { managerUserId: null, managerName: 'Jo Smith, team manager' })
    const row = await concernRow(ids[6]!)
    assert.equal(row.safeguarding_concern, true)
    assert.equal(row.concern_manager_user_id, null)
    assert.equal(row.concern_manager, 'Jo Smith, team manager')
    assert.equal(row.concern_raised_by_user_id, t.orgA.users.auditor.userId)
    // The name stays on the audit; the event says only that nobody with an account was named.
    assert.deepEqual((await events('case-audit.safeguarding-concern-raised')).at(-1)?.details, {
      manager: null,
      asModerator: false,
    })
    for (const context of [lead(), admin()])
      assert.deepEqual(
        (await caseAudits.openConcerns(context)).map(concern => [
          concern.auditId,
          concern.managerUserId,
          concern.managerName,
          concern.forYou,
        ]),
        [[ids[6], null, 'Jo Smith, team manager', true]],
      )
    assert.equal((await caseAudits.get(admin(), ids[6]!)).concernForYou, true)
    assert.equal((await caseAudits.get(auditor(), ids[6]!)).concernForYou, false)
    await assert.rejects(caseAudits.acknowledgeConcern(auditor(), ids[6]!, { note: NOTE }), ForbiddenError)
    await caseAudits.acknowledgeConcern(admin(), ids[6]!, { note: 'Spoke to Jo Smith: a visit is arranged today.' })
    assert.deepEqual((await events('case-audit.safeguarding-concern-acknowledged')).at(-1)?.details, {
      manager: null,
      standingIn: true,
    })
    assert.equal((await concernRow(ids[6]!)).concern_acknowledged_by, t.orgA.users.admin.userId)
    assert.deepEqual(await caseAudits.openConcerns(lead()), [])
  })

  it('lets the only lead raise a concern from the page, naming a manager without an account', async () => {
    const leadAgent = await signedInAgent(t.app, t.orgA.users.lead.email)
    const adminAgent = await signedInAgent(t.app, t.orgA.users.admin.email)
    const auditPath = `/audits/case-audits/${ids[7]!}`
    const setAdminDisabled = (disabled: boolean) =>
      t.database.db
        .updateTable('app_user')
        .set({ disabled_at: disabled ? new Date() : null })
        .where('user_id', '=', t.orgA.users.admin.userId)
        .execute()
    // The organisation's only other manager is away: the lead raising it is left with nobody with an account.
    await setAdminDisabled(true)
    try {
      const page = await leadAgent.get(auditPath).expect(200)
      assert.match(page.text, /Raise safeguarding concern/)
      assert.doesNotMatch(page.text, new RegExp(`value="${t.orgA.users.lead.userId}"`), 'not yourself')
      assert.doesNotMatch(page.text, new RegExp(`value="${t.orgA.users.admin.userId}"`), 'not a disabled account')
      assert.match(page.text, /type="radio" value="no-account"/)
      assert.match(page.text, /A manager without an account/)
      assert.match(page.text, /for="managerName">\s*Name of the manager you told, if they have no account/)

      await post(leadAgent, `${auditPath}/concern`, page.text, { managerUserId: '', managerName: '' }).expect(302)
      assert.match((await leadAgent.get(auditPath)).text, /href="#managerUserId">Select the manager you have told/)
      await post(leadAgent, `${auditPath}/concern`, page.text, { managerUserId: 'no-account', managerName: ' ' })
        .expect(302)
        .expect('location', auditPath)
      const noName = await leadAgent.get(auditPath)
      assert.match(noName.text, /href="#managerName">Enter the name of the manager you told/)
      assert.match(noName.text, /value="no-account" checked/, 'the choice is kept')
      await post(leadAgent, `${auditPath}/concern`, page.text, {
        managerUserId: 'no-account',
        managerName: 'y'.repeat(201),
      }).expect(302)
      const tooLong = await leadAgent.get(auditPath)
      assert.match(tooLong.text, /href="#managerName">The manager’s name must be 200 characters or fewer/)
      assert.match(tooLong.text, /name="managerName" type="text"[^>]*value="y{201}"/, 'what was typed is kept')
      assert.equal((await concernRow(ids[7]!)).safeguarding_concern, false)

      await post(leadAgent, `${auditPath}/concern`, page.text, {
        managerUserId: 'no-account',
        managerName: 'Jo <b>Smith</b>, team manager',
      })
        .expect(302)
        .expect('location', `${auditPath}#concern`)
      const raised = await leadAgent.get(auditPath).expect(200)
      assert.match(
        raised.text,
        /Safeguarding concern recorded: Jo &lt;b&gt;Smith&lt;\/b&gt;, team manager has been named/,
      )
      assert.match(raised.text, /They have no account, so every lead and administrator sees it/)
      assert.match(raised.text, /Safeguarding concern raised\. Jo &lt;b&gt;Smith&lt;\/b&gt;, team manager was named/)
      const row = await concernRow(ids[7]!)
      assert.equal(row.concern_manager_user_id, null)
      assert.equal(row.concern_manager, 'Jo <b>Smith</b>, team manager')
    } finally {
      await setAdminDisabled(false)
    }
    // Every lead and administrator is asked to act on it, and any of them acknowledges it.
    assert.match((await adminAgent.get('/audits').expect(200)).text, /concerns-banner-title/)
    const adminView = await adminAgent.get(auditPath).expect(200)
    assert.match(adminView.text, /Acknowledge concern/)
    await post(adminAgent, `${auditPath}/concern/acknowledge`, adminView.text, { acknowledgement: NOTE })
      .expect(302)
      .expect('location', `${auditPath}#concern`)
    assert.ok((await concernRow(ids[7]!)).concern_acknowledged_at)
    assert.doesNotMatch((await leadAgent.get('/audits')).text, /concerns-banner-title/)
  })

  it('lets the assigned moderator raise a concern from the moderation page, and nobody else who was not asked', async () => {
    const { caseAudits } = t.services.audits
    await caseAudits.assignModerator(lead(), ids[8]!, { moderatorUserId: secondAuditor.userId })
    const moderatorAgent = await signedInAgent(t.app, secondAuditor.email)
    const otherAgent = await signedInAgent(t.app, thirdAuditor.email)
    const auditPath = `/audits/case-audits/${ids[8]!}`
    const concernPath = `${auditPath}/moderate/concern`

    await assert.rejects(
      caseAudits.raiseSafeguardingConcern(asUser(thirdAuditor), ids[8]!, { managerUserId: t.orgA.users.lead.userId }),
      /No such audit/,
    )
    await assert.rejects(
      caseAudits.raiseSafeguardingConcern(contextOf(t, 'orgA', 'viewer'), ids[8]!, {
        managerUserId: t.orgA.users.lead.userId,
      }),
      ForbiddenError,
    )
    const page = await moderatorAgent.get(`${auditPath}/moderate`).expect(200)
    assert.match(page.text, new RegExp(`action="${concernPath}"`))
    assert.match(page.text, new RegExp(`value="${t.orgA.users.lead.userId}"`))
    assert.match(page.text, new RegExp(`value="${t.orgA.users.admin.userId}"`))
    assert.match(page.text, /type="radio" value="no-account"/)
    assert.match(page.text, /Record moderation/)
    await otherAgent.get(`${auditPath}/moderate`).expect(403)
    const otherPage = await otherAgent.get('/audits').expect(200)
    await post(otherAgent, concernPath, otherPage.text, { managerUserId: t.orgA.users.lead.userId }).expect(404)

    await post(moderatorAgent, concernPath, page.text, { managerUserId: '' })
      .expect(302)
      .expect('location', `${auditPath}/moderate#concern`)
    assert.match(
      (await moderatorAgent.get(`${auditPath}/moderate`)).text,
      /href="#managerUserId">Select the manager you have told/,
    )
    assert.equal((await concernRow(ids[8]!)).safeguarding_concern, false)
    await post(moderatorAgent, concernPath, page.text, { managerUserId: t.orgA.users.lead.userId })
      .expect(302)
      .expect('location', `${auditPath}/moderate#concern`)
    const raised = await moderatorAgent.get(`${auditPath}/moderate`).expect(200)
    assert.match(raised.text, /Safeguarding concern recorded: Test lead A has been named/)
    assert.match(raised.text, /A safeguarding concern has been raised on this audit\. Test lead A was named/)
    assert.doesNotMatch(raised.text, /Raise safeguarding concern/)
    assert.match(raised.text, /Record moderation/, 'the moderation is still to do')
    const row = await concernRow(ids[8]!)
    assert.equal(row.concern_manager_user_id, t.orgA.users.lead.userId)
    assert.equal(row.concern_raised_by_user_id, secondAuditor.userId)
    const [event] = (await events('case-audit.safeguarding-concern-raised')).slice(-1)
    assert.equal(event?.subject_id, ids[8])
    assert.equal(event?.actor_user_id, secondAuditor.userId)
    assert.deepEqual(event?.details, { manager: t.orgA.users.lead.userId, asModerator: true })
    // The moderator still cannot open the audit itself.
    await moderatorAgent.get(auditPath).expect(404)

    await caseAudits.acknowledgeConcern(lead(), ids[8]!, { note: NOTE })
    assert.deepEqual(await caseAudits.openConcerns(lead()), [])
  })

  it('keeps concern notes out of the summary, its XLSX and the 20-day update', async () => {
    const { reports } = t.services.audits
    const today = englandDate(new Date())
    const period = { from: today, to: today }
    const summary = await reports.summary(lead())
    assert.ok(!JSON.stringify(summary).includes('strategy discussion'))
    const update = await reports.twentyDayUpdate(lead(), period)
    assert.equal(update.safeguardingConcerns >= 1, true)
    assert.ok(!JSON.stringify(update).includes('strategy discussion'))
    const xlsx = await exportAuditSummaryXlsx(reports, lead())
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.content as unknown as ArrayBuffer)
    const cells: string[] = []
    workbook.eachSheet(sheet => sheet.eachRow(row => row.eachCell(cell => void cells.push(String(cell.value)))))
    assert.ok(cells.length > 0)
    assert.ok(!cells.some(cell => cell.includes('strategy discussion') || cell.includes('Standing in')))
    const docx = await exportTwentyDayUpdateDocx(reports, lead(), period)
    assert.doesNotMatch((await docxText(docx.content)).text, /strategy discussion|Standing in/)
  })

  it('works from the pages: raise naming a lead, the lead sees it on /audits and the dashboard, acknowledges', async () => {
    const auditorAgent = await signedInAgent(t.app, t.orgA.users.auditor.email)
    const leadAgent = await signedInAgent(t.app, t.orgA.users.lead.email)
    const adminAgent = await signedInAgent(t.app, t.orgA.users.admin.email)
    const auditPath = `/audits/case-audits/${ids[4]!}`

    const page = await auditorAgent.get(auditPath).expect(200)
    assert.match(
      page.text,
      new RegExp(
        `name="managerUserId" type="radio" value="${t.orgA.users.lead.userId}">\\s*<label[^>]*>\\s*Test lead A \\(lead\\)`,
      ),
    )
    assert.match(page.text, new RegExp(`type="radio" value="${t.orgA.users.admin.userId}"`))
    assert.doesNotMatch(page.text, new RegExp(`value="${t.orgA.users.analyst.userId}"`))
    assert.match(page.text, /type="radio" value="no-account"/)
    await post(auditorAgent, `${auditPath}/concern`, page.text, { managerUserId: '' }).expect(302)
    assert.match((await auditorAgent.get(auditPath)).text, /href="#managerUserId">Select the manager you have told/)
    await post(auditorAgent, `${auditPath}/concern`, page.text, { managerUserId: t.orgA.users.analyst.userId }).expect(
      302,
    )
    assert.match(
      (await auditorAgent.get(auditPath)).text,
      /href="#managerUserId">Select a lead or administrator of your organisation/,
    )
    assert.equal((await concernRow(ids[4]!)).safeguarding_concern, false)
    await post(auditorAgent, `${auditPath}/concern`, page.text, { managerUserId: t.orgA.users.lead.userId })
      .expect(302)
      .expect('location', `${auditPath}#concern`)
    const raised = await auditorAgent.get(auditPath).expect(200)
    assert.match(raised.text, /Safeguarding concern recorded: Test lead A has been named/)
    assert.match(raised.text, /Safeguarding concern raised\. Test lead A was named as the manager told/)
    assert.doesNotMatch(raised.text, /Acknowledge concern/)
    assert.doesNotMatch(raised.text, /Raise safeguarding concern/)

    const home = await leadAgent.get('/audits').expect(200)
    assert.match(home.text, /1 safeguarding concern names you as the manager told/)
    assert.ok(home.text.indexOf('concerns-banner-title') < home.text.indexOf('Draw a sample'), 'at the top')
    assert.match(home.text, new RegExp(`href="${auditPath}#concern">Acknowledge the concern about child`))
    assert.match(
      (await leadAgent.get('/dashboard').expect(200)).text,
      /1 safeguarding concern from a case audit names you/,
    )
    const adminHome = await adminAgent.get('/audits').expect(200)
    assert.doesNotMatch(adminHome.text, /concerns-banner-title/)
    assert.match(adminHome.text, /Other open safeguarding concerns/)
    assert.doesNotMatch((await adminAgent.get('/dashboard').expect(200)).text, /safeguarding-concerns-for-you/)
    assert.doesNotMatch((await auditorAgent.get('/audits').expect(200)).text, /Other open safeguarding concerns/)

    const versionOf = (html: string) => /name="version" value="([^"]+)"/.exec(html)?.[1]
    const formVersion = versionOf((await auditorAgent.get(auditPath)).text)
    assert.ok(formVersion, 'the audit is still in progress')
    const audit = await leadAgent.get(auditPath).expect(200)
    assert.match(audit.text, /Acknowledge concern/)
    // Only the named manager gets the form; a crafted POST from another lead is refused.
    assert.doesNotMatch((await adminAgent.get(auditPath).expect(200)).text, /Acknowledge concern/)
    await post(adminAgent, `${auditPath}/concern/acknowledge`, audit.text, { acknowledgement: NOTE }).expect(403)
    await post(leadAgent, `${auditPath}/concern/acknowledge`, audit.text, { acknowledgement: ' ' }).expect(302)
    assert.match(
      (await leadAgent.get(auditPath)).text,
      /href="#acknowledgement">Enter what you have done about the concern/,
    )
    await post(leadAgent, `${auditPath}/concern/acknowledge`, audit.text, { acknowledgement: 'x'.repeat(2001) }).expect(
      302,
    )
    const tooLong = await leadAgent.get(auditPath)
    assert.match(tooLong.text, /href="#acknowledgement">Your note must be 2,000 characters or fewer/)
    assert.match(tooLong.text, /x{2001}<\/textarea>/, 'what was typed is kept')
    await post(leadAgent, `${auditPath}/concern/acknowledge`, audit.text, { acknowledgement: `<b>${NOTE}</b>` })
      .expect(302)
      .expect('location', `${auditPath}#concern`)
    const done = await leadAgent.get(auditPath).expect(200)
    assert.match(done.text, /Safeguarding concern acknowledged/)
    assert.match(done.text, /What the manager did/)
    assert.match(done.text, /&lt;b&gt;Rang the team manager/)
    assert.doesNotMatch(done.text, /Acknowledge concern/)
    assert.doesNotMatch((await leadAgent.get('/audits')).text, /concerns-banner-title/)
    assert.doesNotMatch((await leadAgent.get('/dashboard')).text, /safeguarding-concerns-for-you/)
    // Never gone from the audit's page, for the auditor too.
    const auditorView = await auditorAgent.get(auditPath).expect(200)
    assert.equal(versionOf(auditorView.text), formVersion, 'acknowledging does not make the auditor resubmit')
    assert.match(auditorView.text, /Safeguarding concern raised\. Test lead A was named/)
    assert.match(auditorView.text, /Rang the team manager/)
  })

  it('lists open concerns from the command line', async () => {
    const { caseAudits } = t.services.audits
    await caseAudits.raiseSafeguardingConcern(auditor(), ids[5]!, { managerUserId: t.orgA.users.lead.userId })
    const env = { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }
    const result = await runCliInProcess(['audits', 'concerns', '--organisation', t.orgA.name, '--json'], env)
    assert.equal(result.code, 0, result.stderr)
    const listed = JSON.parse(result.stdout) as Record<string, unknown>[]
    assert.equal(listed.length, 1)
    assert.deepEqual(Object.keys(listed[0]!), [
      'audit',
      'childId',
      'team',
      'raisedAt',
      'raisedBy',
      'manager',
      'managerName',
    ])
    assert.deepEqual(
      [listed[0]!.audit, listed[0]!.raisedBy, listed[0]!.manager, listed[0]!.managerName],
      [ids[5], t.orgA.users.auditor.userId, t.orgA.users.lead.userId, 'Test lead A'],
    )
    const other = await runCliInProcess(['audits', 'concerns', '--organisation', t.orgB.name, '--json'], env)
    assert.deepEqual(JSON.parse(other.stdout), [])
    const human = await runCliInProcess(['audits', 'concerns', '--organisation', t.orgA.name], env)
    assert.match(human.stdout, new RegExp(`audit ${ids[5]!} .* manager Test lead A`))
  })
})
