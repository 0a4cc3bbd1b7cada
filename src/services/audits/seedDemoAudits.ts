import { questionsOf, type Answers, type AuditTemplate } from '../../domain/audits/index.js'
import { systemContext, type RequestContext } from '../context.js'
import type { Services } from '../index.js'

/** Fictional audit findings: no real child, worker or family is described. */
const FINDINGS = [
  {
    grade: 'good',
    strengths:
      'Early help was offered within days of the contact and the family engaged well with the family support worker.',
    areasForImprovement: 'The child’s plan has no timescales for the actions agreed at the review.',
    actions: 'Add timescales to every action at the next review.',
    themes: ['early-help', 'social-work-practice'],
  },
  {
    grade: 'requires-improvement',
    strengths: 'The child’s wishes and feelings are recorded in their own words.',
    areasForImprovement: 'Management oversight is not recorded monthly and supervision notes do not show reflection.',
    actions: 'Team manager to record oversight monthly; supervision template to include reflection.',
    themes: ['social-work-practice', 'leadership'],
  },
  {
    grade: 'good',
    strengths: 'Police, school and health shared information promptly at the strategy discussion.',
    areasForImprovement: 'The school was not invited to the first core group.',
    actions: 'Remind chairs to invite schools to core groups.',
    themes: ['multi-agency-working'],
  },
  {
    grade: 'requires-improvement',
    strengths: 'Return home interviews were completed after each missing episode.',
    areasForImprovement: 'The risk of exploitation was not reassessed after the third missing episode.',
    actions: 'Reassess exploitation risk after every missing episode; add to the missing protocol.',
    themes: ['missing-and-exploitation', 'social-work-practice'],
  },
  {
    grade: 'outstanding',
    strengths: 'Permanence was planned from the start and the child moved to their adoptive family within timescale.',
    areasForImprovement: '',
    actions: '',
    themes: ['legal-and-court'],
  },
] as const

function answersFor(template: AuditTemplate, grade: string, seedIndex: number): Answers {
  return Object.fromEntries(
    questionsOf(template).map((question, index) => {
      // Mostly the overall grade, with one weaker answer in each audit so the summary has some spread.
      const weaker = index === (seedIndex * 3) % 11
      const fourPoint = weaker && grade !== 'inadequate' ? 'requires-improvement' : grade
      const yesNo = grade === 'requires-improvement' || weaker ? 'partly' : 'yes'
      return [question.id, { grade: question.scale === 'ofsted-4' ? fourPoint : yesNo }]
    }),
  )
}

/**
 * A completed audit round for the demo authority: a sample drawn from its latest Annex A test run, six audits
 * assigned (five submitted with fictional findings, one still in progress), two signed off, one moderated and one
 * waiting for the administrator to moderate, one safeguarding concern escalated to the lead and acknowledged, and
 * the round's themes turned into actions in the demo improvement plan.
 */
export async function seedDemoAudits(services: Services, organisationId: string): Promise<void> {
  const system = systemContext(organisationId, 'demo seed')
  const runs = await services.annexA.listRuns(system)
  const latest = [...runs].sort((a, b) => (a.referenceDate < b.referenceDate ? 1 : -1))[0]
  if (!latest) return
  const users = await services.users.list(system)
  const auditor = users.find(user => user.role === 'auditor')
  const lead = users.find(user => user.role === 'lead')
  const admin = users.find(user => user.role === 'admin')
  if (!auditor || !lead) return
  const leadContext: RequestContext = {
    actor: { kind: 'user', userId: lead.userId, organisationId, role: 'lead', label: lead.email },
  }
  const auditorContext: RequestContext = {
    actor: { kind: 'user', userId: auditor.userId, organisationId, role: 'auditor', label: auditor.email },
  }
  const { samples, caseAudits, themesToPlan } = services.audits
  const drawn = await samples.draw(system, { runId: latest.runId, plan: 'sif-2013-case-audit', seed: 'demo-round-1' })
  const ids = await caseAudits.assignSample(system, {
    sampleId: drawn.sampleId,
    auditorUserId: auditor.userId,
    templateId: 'childs-journey',
    childIds: drawn.cases.slice(0, FINDINGS.length + 1).map(item => item.childId),
  })
  const template = caseAudits.templates().find(item => item.id === 'childs-journey')!
  for (const [index, finding] of FINDINGS.entries()) {
    const auditId = ids[index]
    if (!auditId) break
    await caseAudits.record(
      system,
      auditId,
      {
        answers: answersFor(template, finding.grade, index),
        overallGrade: finding.grade,
        strengths: finding.strengths,
        areasForImprovement: finding.areasForImprovement,
        actions: finding.actions,
        themes: finding.themes,
      },
      { submit: true },
    )
  }
  for (const auditId of ids.slice(0, 2))
    await caseAudits.signOff(system, auditId, {
      practitioner: 'Alex Demo (social worker)',
      manager: 'Jo Demo (team manager)',
    })
  if (ids[1])
    await caseAudits.moderate(leadContext, ids[1], {
      answers: answersFor(template, 'requires-improvement', 4),
      overallGrade: 'requires-improvement',
    })
  // A second auditor asked to moderate another audit: the administrator finds it under "To moderate".
  if (ids[2] && admin) await caseAudits.assignModerator(leadContext, ids[2], { moderatorUserId: admin.userId })
  // A safeguarding concern the auditor escalated to the lead, who has acknowledged it (fictional).
  if (ids[3]) {
    await caseAudits.raiseSafeguardingConcern(auditorContext, ids[3], { managerUserId: lead.userId })
    await caseAudits.acknowledgeConcern(leadContext, ids[3], {
      note: 'Spoke to the team manager the same day; a strategy discussion was held and the safety plan updated.',
    })
  }
  const plans = await services.workspace.plans.list(system)
  const plan =
    plans.find(item => item.kind === 'improvement') ??
    (await services.workspace.plans.create(system, { title: 'Improvement plan', kind: 'improvement' }))
  await themesToPlan.createItems(system, { round: { kind: 'sample', sampleId: drawn.sampleId }, planId: plan.planId })
}
