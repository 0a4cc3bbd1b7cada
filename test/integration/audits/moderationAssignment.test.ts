import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { CHILDS_JOURNEY_AUDIT, questionsOf } from '../../../src/domain/audits/index.js'
import { addWorkingDays } from '../../../src/domain/calendar/index.js'
import { englandDate } from '../../../src/services/audits/today.js'
import { govukDate } from '../../../src/web/filters/dates.js'
import type { RequestContext } from '../../../src/services/context.js'
import { ForbiddenError, ValidationError } from '../../../src/services/errors.js'
import type { UserSummary } from '../../../src/services/platform/userService.js'
import { runCliInProcess } from '../../support/cli.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf } from './fixtures.js'
import { answersFor, assignedRound } from './roundFixture.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

const asUser = (user: UserSummary): RequestContext => ({
  actor: { kind: 'user', userId: user.userId, organisationId: user.organisationId, role: user.role, label: user.email },
})

function post(agent: Agent, path: string, page: string, fields: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page), ...fields })
}

/** Every answer "good" / "yes" as the moderation form sends it. */
const goodForm = Object.fromEntries(
  questionsOf(CHILDS_JOURNEY_AUDIT).map(question => [
    `grade-${question.id}`,
    question.scale === 'ofsted-4' ? 'good' : 'yes',
  ]),
)

describe('moderation by an assigned second auditor', () => {
  let t: TestApp
  let secondAuditor: UserSummary
  let thirdAuditor: UserSummary
  /** Audits of the auditor: [0..3] and [5..8] submitted, [4] still in progress. */
  let ids: string[]
  const lead = () => contextOf(t, 'orgA', 'lead')
  const auditor = () => contextOf(t, 'orgA', 'auditor')

  async function rows(table: 'case_audit_moderation_assignment' | 'case_audit_moderation', auditId: string) {
    return t.database.db
      .selectFrom(table)
      .selectAll()
      .where('organisation_id', '=', t.orgA.organisationId)
      .where('audit_id', '=', auditId)
      .execute()
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
    ;({ ids, secondAuditor, thirdAuditor } = await assignedRound(t, 'moderation'))
    const { caseAudits } = t.services.audits
    assert.equal(ids.length, 9)
    for (const auditId of [...ids.slice(0, 4), ...ids.slice(5)])
      await caseAudits.record(
        auditor(),
        auditId,
        { answers: answersFor(CHILDS_JOURNEY_AUDIT, 'requires-improvement'), overallGrade: 'requires-improvement' },
        { submit: true },
      )
  })
  after(async () => t.close())

  it('lets a lead assign a moderator with a due date (5 working days by default), audit-logged', async () => {
    const { caseAudits, web } = t.services.audits
    const assigned = await caseAudits.assignModerator(lead(), ids[0]!, { moderatorUserId: secondAuditor.userId })
    const today = englandDate(new Date())
    assert.deepEqual(assigned, {
      auditId: ids[0],
      moderatorUserId: secondAuditor.userId,
      dueOn: addWorkingDays(today, 5),
      replaced: null,
    })
    const [stored] = await rows('case_audit_moderation_assignment', ids[0]!)
    assert.equal(stored?.moderator_user_id, secondAuditor.userId)
    assert.equal(stored?.assigned_by_user_id, t.orgA.users.lead.userId)
    const [event] = await events('case-audit.moderator-assigned')
    assert.equal(event?.subject_id, ids[0])
    assert.deepEqual(event?.details, { moderator: secondAuditor.userId, dueOn: assigned.dueOn, replaced: null })

    const list = await web.toModerate(asUser(secondAuditor))
    assert.deepEqual(
      list.map(item => [item.auditId, item.dueOn, item.countdown.workingDaysLeft]),
      [[ids[0], assigned.dueOn, 5]],
    )
    assert.deepEqual(await web.toModerate(asUser(thirdAuditor)), [])

    // An explicit date, and a second lead decision hands it to someone else.
    const moved = await caseAudits.assignModerator(lead(), ids[1]!, {
      moderatorUserId: thirdAuditor.userId,
      dueOn: addWorkingDays(today, 2),
    })
    assert.equal(moved.dueOn, addWorkingDays(today, 2))
    const handed = await caseAudits.assignModerator(lead(), ids[1]!, { moderatorUserId: secondAuditor.userId })
    assert.equal(handed.replaced, thirdAuditor.userId)
    assert.deepEqual(await web.toModerate(asUser(thirdAuditor)), [])
    assert.equal((await web.toModerate(asUser(secondAuditor))).length, 2)
  })

  it('records a child-data view when someone sees a list of audits or of audits to moderate, and none for an empty list', async () => {
    const { caseAudits, web } = t.services.audits
    await caseAudits.assignModerator(lead(), ids[1]!, { moderatorUserId: thirdAuditor.userId })
    const viewsOf = async (subjectType: string, userId: string) =>
      (await events('child-data.view')).filter(
        event => event.actor_user_id === userId && event.subject_type === subjectType,
      ).length
    const auditorViews = await viewsOf('case-audits', t.orgA.users.auditor.userId)
    const moderatorViews = await viewsOf('case-audits-to-moderate', thirdAuditor.userId)
    assert.ok((await caseAudits.list(auditor())).length > 0)
    assert.equal(await viewsOf('case-audits', t.orgA.users.auditor.userId), auditorViews + 1)
    const mine = await web.toModerate(asUser(thirdAuditor))
    assert.deepEqual(
      mine.map(item => item.auditId),
      [ids[1]],
    )
    assert.equal(await viewsOf('case-audits-to-moderate', thirdAuditor.userId), moderatorViews + 1)
    assert.deepEqual(await caseAudits.list(asUser(thirdAuditor)), [], 'the moderator has no audits of their own')
    assert.equal(await viewsOf('case-audits', thirdAuditor.userId), 0)
    // Back as the first test left it, for the tests after this one.
    await caseAudits.assignModerator(lead(), ids[1]!, { moderatorUserId: secondAuditor.userId })
  })

  it('refuses bad assignments with clear messages and writes nothing', async () => {
    const { caseAudits } = t.services.audits
    const eventsBefore = (await events('case-audit.moderator-assigned')).length
    const refused = async (
      context: RequestContext,
      auditId: string,
      input: { moderatorUserId: string; dueOn?: string },
      expected: Record<string, string> | typeof ForbiddenError,
    ) => {
      const attempt = caseAudits.assignModerator(context, auditId, input)
      if (typeof expected === 'function') await assert.rejects(attempt, expected)
      else
        await assert.rejects(attempt, (error: unknown) => {
          assert.ok(error instanceof ValidationError, String(error))
          assert.deepEqual(error.fieldErrors, expected)
          return true
        })
    }
    await refused(
      lead(),
      ids[2]!,
      { moderatorUserId: t.orgA.users.auditor.userId },
      {
        moderatorUserId: 'Select someone other than the auditor who carried out this audit',
      },
    )
    for (const moderatorUserId of [t.orgA.users.analyst.userId, t.orgB.users.auditor.userId, 'not-a-uuid'])
      await refused(
        lead(),
        ids[2]!,
        { moderatorUserId },
        {
          moderatorUserId: 'Select someone in your organisation who can carry out audits',
        },
      )
    await refused(
      lead(),
      ids[4]!,
      { moderatorUserId: secondAuditor.userId },
      {
        status: 'This audit is still in progress: a moderator can be assigned once it is submitted',
      },
    )
    await refused(
      lead(),
      ids[2]!,
      { moderatorUserId: secondAuditor.userId, dueOn: '2000-01-03' },
      {
        dueOn: 'The date the moderation is due must be today or in the future',
      },
    )
    await refused(
      lead(),
      ids[2]!,
      { moderatorUserId: secondAuditor.userId, dueOn: '2026-02-30' },
      {
        dueOn: 'The date the moderation is due must be a real date, like 2026-03-27',
      },
    )
    // Only leads and administrators assign; other organisations' audits are not found.
    await refused(auditor(), ids[2]!, { moderatorUserId: secondAuditor.userId }, ForbiddenError)
    await assert.rejects(
      caseAudits.assignModerator(contextOf(t, 'orgB', 'lead'), ids[2]!, { moderatorUserId: secondAuditor.userId }),
      /No such audit/,
    )
    assert.deepEqual(await rows('case_audit_moderation_assignment', ids[2]!), [])
    assert.deepEqual(await rows('case_audit_moderation_assignment', ids[4]!), [])
    assert.equal((await events('case-audit.moderator-assigned')).length, eventsBefore)
  })

  it('lets an auditor-role moderator moderate only the audit they were assigned, never seeing the first answers', async () => {
    const { caseAudits, web } = t.services.audits
    const second = asUser(secondAuditor)
    const third = asUser(thirdAuditor)
    const answers = answersFor(CHILDS_JOURNEY_AUDIT, 'good')
    // Not assigned (ids[2]) and not existing read the same: refused before the audit is read.
    for (const auditId of [ids[2]!, '00000000-0000-4000-8000-000000000000']) {
      await assert.rejects(caseAudits.moderate(second, auditId, { answers, overallGrade: 'good' }), ForbiddenError)
      await assert.rejects(web.forModeration(second, auditId), ForbiddenError)
    }
    // Someone else's assignment does not open it either.
    await assert.rejects(caseAudits.moderate(third, ids[0]!, { answers, overallGrade: 'good' }), ForbiddenError)
    // The audit's own auditor cannot moderate it, nor open the form.
    await assert.rejects(caseAudits.moderate(auditor(), ids[0]!, { answers, overallGrade: 'good' }), ForbiddenError)
    await assert.rejects(web.forModeration(auditor(), ids[0]!), ForbiddenError)
    // The moderator still cannot open the audit itself (it holds the first auditor's answers and notes).
    await assert.rejects(caseAudits.get(second, ids[0]!), /No such audit/)

    const form = await web.forModeration(second, ids[0]!)
    assert.equal(form.access, 'assigned')
    assert.equal(form.assignment?.moderatorUserId, secondAuditor.userId)
    assert.ok(!('answers' in form), 'the form carries no first answers')
    assert.equal(await web.moderationOf(second, ids[0]!), undefined)

    await assert.rejects(
      caseAudits.moderate(second, ids[0]!, { answers: { risk: { grade: 'good' } }, overallGrade: 'good' }),
      ValidationError,
    )
    assert.deepEqual(await rows('case_audit_moderation', ids[0]!), [], 'an incomplete moderation writes nothing')
    const agreement = await caseAudits.moderate(second, ids[0]!, { answers, overallGrade: 'good' })
    const fourPoint = questionsOf(CHILDS_JOURNEY_AUDIT).filter(question => question.scale === 'ofsted-4').length
    assert.equal(agreement.compared, questionsOf(CHILDS_JOURNEY_AUDIT).length)
    assert.equal(agreement.agreed, 0)
    assert.equal(agreement.disagreements.length, agreement.compared)
    assert.ok(fourPoint > 0)
    assert.equal(agreement.overallAgreed, false)
    const moderated = await events('case-audit.moderated')
    assert.equal(moderated.at(-1)?.actor_user_id, secondAuditor.userId)
    assert.deepEqual(moderated.at(-1)?.details, {
      compared: agreement.compared,
      agreed: 0,
      overallAgreed: false,
      asAssigned: true,
      replaced: null,
    })

    // Done: off the list, the agreement visible to the moderator, and a second moderation refused.
    assert.deepEqual(
      (await web.toModerate(second)).map(item => item.auditId),
      [ids[1]],
    )
    assert.equal((await web.moderationOf(second, ids[0]!))?.agreement.agreed, 0)
    await assert.rejects(
      caseAudits.moderate(second, ids[0]!, { answers, overallGrade: 'good' }),
      /already been moderated/,
    )
    await assert.rejects(
      caseAudits.assignModerator(lead(), ids[0]!, { moderatorUserId: thirdAuditor.userId }),
      /already been moderated/,
    )
  })

  it('still lets leads moderate anything but their own, including an audit assigned to someone else', async () => {
    const { caseAudits, web } = t.services.audits
    const second = asUser(secondAuditor)
    const answers = answersFor(CHILDS_JOURNEY_AUDIT, 'requires-improvement')
    // Assigned to the second auditor, who has opened the form but not graded.
    assert.equal((await web.forModeration(second, ids[1]!)).access, 'assigned')
    const agreement = await caseAudits.moderate(lead(), ids[1]!, { answers, overallGrade: 'requires-improvement' })
    assert.equal(agreement.agreed, agreement.compared)
    assert.deepEqual(await web.toModerate(second), [], 'moderated by the lead: off the list')
    assert.deepEqual((await events('case-audit.moderated')).at(-1)?.details, {
      compared: agreement.compared,
      agreed: agreement.compared,
      overallAgreed: true,
      asAssigned: false,
      replaced: secondAuditor.userId,
    })
    // The assignment ended with the lead's moderation, in its transaction: the person asked sees nothing of it now,
    // least of all the two sets of grades.
    assert.deepEqual(await rows('case_audit_moderation_assignment', ids[1]!), [])
    await assert.rejects(web.forModeration(second, ids[1]!), ForbiddenError)
    await assert.rejects(web.moderationTemplate(second, ids[1]!), ForbiddenError)
    await assert.rejects(web.moderationOf(second, ids[1]!), /No such audit/)
    await assert.rejects(caseAudits.moderate(second, ids[1]!, { answers, overallGrade: 'good' }), ForbiddenError)
    await assert.rejects(
      caseAudits.raiseSafeguardingConcern(second, ids[1]!, { managerUserId: t.orgA.users.lead.userId }),
      /No such audit/,
    )
    const secondAgent = await signedInAgent(t.app, secondAuditor.email)
    await secondAgent.get(`/audits/case-audits/${ids[1]!}/moderate`).expect(403)
    // The audit's own auditor and the leads still see the agreement.
    assert.equal((await web.moderationOf(auditor(), ids[1]!))?.moderatorUserId, t.orgA.users.lead.userId)
    assert.equal((await web.moderationOf(lead(), ids[1]!))?.agreement.agreed, agreement.compared)

    // An assignment left behind by someone else's moderation (as before that ended it) opens nothing either.
    await t.database.db
      .insertInto('case_audit_moderation_assignment')
      .values({
        organisation_id: t.orgA.organisationId,
        audit_id: ids[1]!,
        moderator_user_id: secondAuditor.userId,
        due_on: addWorkingDays(englandDate(new Date()), 1),
        assigned_by_label: 'test',
      })
      .execute()
    try {
      assert.equal(await web.moderationOf(second, ids[1]!), undefined, 'no grades for someone who graded nothing')
      await assert.rejects(web.forModeration(second, ids[1]!), ForbiddenError)
      await secondAgent.get(`/audits/case-audits/${ids[1]!}/moderate`).expect(403)
      assert.deepEqual(await web.toModerate(second), [])
    } finally {
      await t.database.db
        .deleteFrom('case_audit_moderation_assignment')
        .where('organisation_id', '=', t.orgA.organisationId)
        .where('audit_id', '=', ids[1]!)
        .execute()
    }

    // Agreement rates in the summary count both moderations.
    const summary = await caseAudits.summary(lead())
    assert.equal(summary.moderation.audits, 2)
    assert.equal(summary.moderation.questionRate, 50)
    assert.equal(summary.moderation.overallRate, 50)
    const report = await t.services.audits.reports.summary(lead())
    assert.equal(report.moderation.audits, 2)
  })

  it('works from the pages: assign (with errors), "To moderate", moderate, agreement', async () => {
    const leadAgent = await signedInAgent(t.app, t.orgA.users.lead.email)
    const moderatorAgent = await signedInAgent(t.app, secondAuditor.email)
    const auditorAgent = await signedInAgent(t.app, t.orgA.users.auditor.email)
    const auditPath = `/audits/case-audits/${ids[2]!}`

    const auditPage = await leadAgent.get(auditPath).expect(200)
    assert.match(auditPage.text, new RegExp(`href="${auditPath}/moderator">Assign a moderator`))
    await auditorAgent.get(`${auditPath}/moderator`).expect(403)
    const form = await leadAgent.get(`${auditPath}/moderator`).expect(200)
    assert.doesNotMatch(form.text, new RegExp(`value="${t.orgA.users.auditor.userId}"`), 'the auditor is not offered')
    assert.match(form.text, new RegExp(`value="${secondAuditor.userId}"`))
    assert.match(form.text, /Suggested: 5 working days from today/)

    await post(leadAgent, `${auditPath}/moderator`, form.text, {
      moderatorUserId: '',
      'dueOn-day': '',
      'dueOn-month': '',
      'dueOn-year': '',
    }).expect(302)
    const errors = await leadAgent.get(`${auditPath}/moderator`).expect(200)
    assert.match(errors.text, /href="#moderatorUserId">Select who will moderate this audit/)
    assert.match(errors.text, /href="#dueOn-day">Enter the date the moderation is due/)
    await post(leadAgent, `${auditPath}/moderator`, form.text, {
      moderatorUserId: t.orgA.users.auditor.userId,
      'dueOn-day': '31',
      'dueOn-month': '12',
      'dueOn-year': '2099',
    }).expect(302)
    const own = await leadAgent.get(`${auditPath}/moderator`).expect(200)
    assert.match(own.text, /href="#moderatorUserId">Select someone other than the auditor who carried out this audit/)
    assert.match(own.text, /href="#dueOn-day">The date the moderation is due must be within a year from today/)
    assert.match(own.text, /name="dueOn-year" type="text" value="2099"/, 'what was typed is kept')
    assert.deepEqual(await rows('case_audit_moderation_assignment', ids[2]!), [])

    const due = addWorkingDays(englandDate(new Date()), 10)
    await post(leadAgent, `${auditPath}/moderator`, form.text, {
      moderatorUserId: secondAuditor.userId,
      'dueOn-day': String(Number(due.slice(8))),
      'dueOn-month': String(Number(due.slice(5, 7))),
      'dueOn-year': due.slice(0, 4),
    })
      .expect(302)
      .expect('location', auditPath)
    const assigned = await leadAgent.get(auditPath).expect(200)
    assert.match(
      assigned.text,
      new RegExp(`Second Auditor A has been asked to moderate this audit by ${govukDate(due)}`),
    )
    assert.match(assigned.text, /Change the moderator/)

    const home = await moderatorAgent.get('/audits').expect(200)
    assert.match(home.text, /id="to-moderate"[^>]*>To moderate/)
    assert.match(home.text, new RegExp(`href="${auditPath}/moderate">Moderate the audit of child`))
    await moderatorAgent.get(auditPath).expect(404)
    const third = await signedInAgent(t.app, thirdAuditor.email)
    await third.get(`${auditPath}/moderate`).expect(403)

    const page = await moderatorAgent.get(`${auditPath}/moderate`).expect(200)
    assert.match(page.text, new RegExp(`You were asked to moderate this audit by ${govukDate(due)}`))
    assert.match(page.text, /10 working days left/)
    assert.match(page.text, /href="\/audits"[^>]*>Sampling and audits/)
    await post(moderatorAgent, `${auditPath}/moderate`, page.text, { 'grade-risk': 'good', overallGrade: '' })
      .expect(302)
      .expect('location', `${auditPath}/moderate`)
    assert.match(
      (await moderatorAgent.get(`${auditPath}/moderate`)).text,
      /href="#grade-front-door">Select an answer for contact and referral/,
    )
    await post(moderatorAgent, `${auditPath}/moderate`, page.text, { ...goodForm, overallGrade: 'good' })
      .expect(302)
      .expect('location', `${auditPath}/moderate`)
    const done = await moderatorAgent.get(`${auditPath}/moderate`).expect(200)
    const count = questionsOf(CHILDS_JOURNEY_AUDIT).length
    assert.match(done.text, new RegExp(`Moderation recorded: agreed on 0 of ${count} questions`))
    assert.match(done.text, /id="moderation-agreement"/)
    assert.match(done.text, /id="disagreements"/)
    assert.doesNotMatch(done.text, /Record moderation/)
    assert.match((await moderatorAgent.get('/audits')).text, /No audits are waiting for you to moderate/)
    // The lead sees the agreement on the audit.
    assert.match((await leadAgent.get(auditPath)).text, /Moderated by Second Auditor A/)
  })

  it('assigns from the command line and refuses unusable input with exit 2 and one line', async () => {
    const env = { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }
    const org = ['--organisation', t.orgA.name]
    const cliDue = addWorkingDays(englandDate(new Date()), 3)
    const ok = await runCliInProcess(
      [
        'audits',
        'assign-moderator',
        ids[3]!,
        '--moderator',
        thirdAuditor.email.toUpperCase(),
        '--due',
        cliDue,
        ...org,
        '--json',
      ],
      env,
    )
    assert.equal(ok.code, 0, ok.stderr)
    assert.deepEqual(JSON.parse(ok.stdout), {
      audit: ids[3],
      moderator: thirdAuditor.userId,
      dueOn: cliDue,
      replaced: null,
    })
    const [event] = (await events('case-audit.moderator-assigned')).filter(item => item.subject_id === ids[3])
    assert.equal(event?.actor_user_id, null, 'the command line is not a person')
    for (const [args, message] of [
      [['--moderator', 'nobody@example.test'], /No user "nobody@example.test"/],
      [['--moderator', t.orgA.users.auditor.email], /other than the auditor/],
      [['--moderator', secondAuditor.email, '--due', '31/12/2099'], /--due must be a real date/],
      [['--moderator', secondAuditor.email, '--due', '2000-01-03'], /today or in the future/],
      [['--moderator', secondAuditor.email, '--due', '2099-01-05'], /within a year from today/],
    ] as const) {
      const result = await runCliInProcess(['audits', 'assign-moderator', ids[3]!, ...args, ...org, '--json'], env)
      assert.equal(result.code, 2, result.stderr)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
      assert.match(result.stderr, message)
    }
    const [stored] = await rows('case_audit_moderation_assignment', ids[3]!)
    assert.equal(stored?.moderator_user_id, thirdAuditor.userId, 'the refused attempts changed nothing')
  })

  it('refuses a moderator replaced before they submit, and writes nothing', async () => {
    const { caseAudits, web } = t.services.audits
    const second = asUser(secondAuditor)
    const answers = answersFor(CHILDS_JOURNEY_AUDIT, 'good')
    await caseAudits.assignModerator(lead(), ids[5]!, { moderatorUserId: secondAuditor.userId })
    assert.equal((await web.forModeration(second, ids[5]!)).access, 'assigned', 'the form is open in their browser')
    await caseAudits.assignModerator(lead(), ids[5]!, { moderatorUserId: thirdAuditor.userId })
    await assert.rejects(caseAudits.moderate(second, ids[5]!, { answers, overallGrade: 'good' }), ForbiddenError)
    assert.deepEqual(await rows('case_audit_moderation', ids[5]!), [])
    await assert.rejects(web.forModeration(second, ids[5]!), ForbiddenError)
    // The person now asked can moderate it.
    await caseAudits.moderate(asUser(thirdAuditor), ids[5]!, { answers, overallGrade: 'good' })
    const [stored] = await rows('case_audit_moderation', ids[5]!)
    assert.equal(stored?.moderator_user_id, thirdAuditor.userId)
    assert.equal((await events('case-audit.moderated')).at(-1)?.details?.asAssigned, true)
  })

  it('makes a moderation wait for a reassignment in progress, then refuses the replaced moderator', async () => {
    const { caseAudits } = t.services.audits
    const { db } = t.database
    await caseAudits.assignModerator(lead(), ids[6]!, { moderatorUserId: secondAuditor.userId })
    // A lead's reassignment, held open between locking the audit and committing (what assignModerator does).
    let commit!: () => void
    const held = new Promise<void>(resolve => (commit = resolve))
    let reassigned!: () => void
    const changed = new Promise<void>(resolve => (reassigned = resolve))
    const reassignment = db.transaction().execute(async trx => {
      await trx
        .selectFrom('case_audit')
        .select('audit_id')
        .where('organisation_id', '=', t.orgA.organisationId)
        .where('audit_id', '=', ids[6]!)
        .forUpdate()
        .execute()
      await trx
        .updateTable('case_audit_moderation_assignment')
        .set({ moderator_user_id: thirdAuditor.userId })
        .where('organisation_id', '=', t.orgA.organisationId)
        .where('audit_id', '=', ids[6]!)
        .execute()
      reassigned()
      await held
    })
    await changed
    const outcome = caseAudits
      .moderate(asUser(secondAuditor), ids[6]!, {
        answers: answersFor(CHILDS_JOURNEY_AUDIT, 'good'),
        overallGrade: 'good',
      })
      .then(
        () => 'moderated',
        (error: unknown) => error,
      )
    // The moderation is now waiting for the audit's row lock.
    for (let tries = 0; ; tries += 1) {
      const { rows: waiting } = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)
      if (waiting[0]!.count > 0) break
      assert.ok(tries < 400, 'the moderation never waited for the reassignment')
      await new Promise(resolve => setTimeout(resolve, 10))
    }
    commit()
    await reassignment
    const result = await outcome
    assert.ok(result instanceof ForbiddenError, `refused, not ${String(result)}`)
    assert.deepEqual(await rows('case_audit_moderation', ids[6]!), [], 'no moderation on a stale assignment')
    const [assignment] = await rows('case_audit_moderation_assignment', ids[6]!)
    assert.equal(assignment?.moderator_user_id, thirdAuditor.userId)
  })

  it('records exactly one of two moderations racing, and tells the other why', async () => {
    const { caseAudits } = t.services.audits
    const before = (await events('case-audit.moderated')).length
    const results = await Promise.allSettled([
      caseAudits.moderate(lead(), ids[7]!, { answers: answersFor(CHILDS_JOURNEY_AUDIT, 'good'), overallGrade: 'good' }),
      caseAudits.moderate(contextOf(t, 'orgA', 'admin'), ids[7]!, {
        answers: answersFor(CHILDS_JOURNEY_AUDIT, 'requires-improvement'),
        overallGrade: 'requires-improvement',
      }),
    ])
    const won = results.filter(result => result.status === 'fulfilled')
    const lost = results.filter(result => result.status === 'rejected')
    assert.equal(won.length, 1)
    assert.equal(lost.length, 1)
    const reason: unknown = lost[0]!.reason
    assert.ok(reason instanceof ValidationError, String(reason))
    assert.deepEqual(reason.fieldErrors, { moderator: 'This audit has already been moderated' })
    const stored = await rows('case_audit_moderation', ids[7]!)
    assert.equal(stored.length, 1)
    const winner = results[0]!.status === 'fulfilled' ? t.orgA.users.lead : t.orgA.users.admin
    assert.equal(stored[0]!.moderator_user_id, winner.userId)
    const moderated = await events('case-audit.moderated')
    assert.equal(moderated.length, before + 1)
    assert.equal(moderated.at(-1)?.actor_user_id, winner.userId)
  })

  it('keeps a race between the assigned moderator and a lead consistent: one moderation, the loser refused', async () => {
    const { caseAudits, web } = t.services.audits
    await caseAudits.assignModerator(lead(), ids[8]!, { moderatorUserId: secondAuditor.userId })
    const answers = answersFor(CHILDS_JOURNEY_AUDIT, 'good')
    const [byModerator, byLead] = await Promise.allSettled([
      caseAudits.moderate(asUser(secondAuditor), ids[8]!, { answers, overallGrade: 'good' }),
      caseAudits.moderate(lead(), ids[8]!, { answers, overallGrade: 'good' }),
    ])
    const stored = await rows('case_audit_moderation', ids[8]!)
    assert.equal(stored.length, 1)
    const assignment = await rows('case_audit_moderation_assignment', ids[8]!)
    if (byModerator.status === 'fulfilled') {
      assert.equal(byLead.status, 'rejected')
      assert.ok(byLead.reason instanceof ValidationError, String(byLead.reason))
      assert.equal(stored[0]!.moderator_user_id, secondAuditor.userId)
      assert.equal(assignment.length, 1, 'the assigned moderator keeps the assignment (and sees the agreement)')
      assert.ok(await web.moderationOf(asUser(secondAuditor), ids[8]!))
    } else {
      assert.equal(byLead.status, 'fulfilled')
      // The lead's moderation ended the assignment first, so the moderator was no longer asked.
      assert.ok(byModerator.reason instanceof ForbiddenError, String(byModerator.reason))
      assert.equal(stored[0]!.moderator_user_id, t.orgA.users.lead.userId)
      assert.deepEqual(assignment, [])
    }
  })
})
