import { questionsOf, type AuditTemplate } from '../../../src/domain/audits/index.js'
import { systemContext } from '../../../src/services/context.js'
import { TEST_PASSWORD, type TestApp } from '../../support/testApp.js'
import { contextOf, importSyntheticRun } from './fixtures.js'

export function answersFor(template: AuditTemplate, grade: 'good' | 'requires-improvement') {
  return Object.fromEntries(
    questionsOf(template).map(question => [
      question.id,
      { grade: question.scale === 'ofsted-4' ? grade : grade === 'good' ? 'yes' : 'partly', comment: 'Seen on file' },
    ]),
  )
}

/**
 * An audit round on a fresh sample: three audits submitted (fictional text), the first signed off, the second
 * moderated by the lead. Returns the sample and audit ids.
 */
export async function completedRound(t: TestApp, runId: string, seed: string) {
  const lead = contextOf(t, 'orgA', 'lead')
  const auditor = contextOf(t, 'orgA', 'auditor')
  const { samples, caseAudits } = t.services.audits
  const drawn = await samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed })
  const ids = await caseAudits.assignSample(lead, {
    sampleId: drawn.sampleId,
    auditorUserId: t.orgA.users.auditor.userId,
    templateId: 'childs-journey',
    childIds: drawn.cases.slice(0, 4).map(item => item.childId),
  })
  const template = caseAudits.templates()[0]!
  const texts = [
    {
      overallGrade: 'good',
      strengths: 'Early help was offered quickly and the family engaged.',
      areasForImprovement: 'The plan lacks timescales.',
      actions: 'Add timescales to the plan at the next review.',
      themes: ['early-help', 'social-work-practice'],
    },
    {
      overallGrade: 'requires-improvement',
      strengths: 'The child’s views are recorded well.',
      areasForImprovement: 'Supervision is not recorded monthly.',
      actions: 'Record supervision monthly on the child’s file.',
      themes: ['social-work-practice'],
    },
    {
      overallGrade: 'good',
      strengths: 'Partners shared information promptly.',
      areasForImprovement: '',
      actions: '',
      themes: ['multi-agency-working'],
    },
  ]
  for (const [index, text] of texts.entries())
    await caseAudits.record(
      auditor,
      ids[index]!,
      { answers: answersFor(template, text.overallGrade as 'good'), ...text },
      { submit: true },
    )
  await caseAudits.signOff(lead, ids[0]!, { practitioner: 'Pat Practitioner', manager: 'Morgan Manager' })
  await caseAudits.moderate(lead, ids[1]!, {
    answers: answersFor(template, 'good'),
    overallGrade: 'requires-improvement',
  })
  return { sampleId: drawn.sampleId, auditIds: ids, childIds: drawn.cases.slice(0, 4).map(item => item.childId) }
}

/**
 * The start of a moderation round: two more auditors in organisation A (second and third, for moderating) and nine
 * audits of the usual auditor on a fresh sample, none submitted yet (each test submits the ones it needs).
 */
export async function assignedRound(t: TestApp, seed: string) {
  const lead = contextOf(t, 'orgA', 'lead')
  const system = systemContext(t.orgA.organisationId, 'test')
  const [secondAuditor, thirdAuditor] = await Promise.all(
    ['Second', 'Third'].map(async name => {
      const { user } = await t.services.users.create(system, {
        email: `${name.toLowerCase()}.auditor.a@example.test`,
        displayName: `${name} Auditor A`,
        role: 'auditor',
        password: TEST_PASSWORD,
      })
      return user
    }),
  )
  const runId = await importSyntheticRun(t, 'orgA')
  const { samples, caseAudits } = t.services.audits
  const drawn = await samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed })
  const ids = await caseAudits.assignSample(lead, {
    sampleId: drawn.sampleId,
    auditorUserId: t.orgA.users.auditor.userId,
    templateId: 'childs-journey',
    childIds: drawn.cases.slice(0, 9).map(item => item.childId),
  })
  return { ids, secondAuditor: secondAuditor!, thirdAuditor: thirdAuditor! }
}
