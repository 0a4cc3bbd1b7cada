import { systemContext } from '../context.js'
import type { WorkspaceServices } from './index.js'

/** Days from today as 'YYYY-MM-DD', so the demo's checklist states look the same whenever it is seeded. */
function daysFromNow(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * A one-page PDF with the given lines of text: small, valid (cross-reference offsets computed), and made here,
 * so the demo needs no files on disk.
 */
export function tinyPdf(lines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, match => `\\${match}`).replace(/[^\x20-\x7e]/g, '-')
  const stream = [
    'BT /F1 12 Tf 72 760 Td 16 TL',
    ...lines.map((line, index) => `${index === 0 ? '' : 'T* '}(${escape(line)}) Tj`),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

interface DemoDocument {
  title: string
  documentType: string
  owner: string
  date: number
  reviewDue?: number
  tags: string
  areas: string[]
  file: { name: string; lines: string[] }
}

/**
 * A realistic evidence bank for the demo authority (all invented): LSCB and Children's Trust minutes, the
 * children and young people's plan, performance and workforce data, IRO and QA reports, the ILACS
 * self-evaluation, Annex A list specifications, and a policies register with some reviews overdue. Checklists
 * then show a mix of met, stale and missing, and the register flags overdue policies.
 */
export async function seedDemoEvidence(workspace: WorkspaceServices, organisationId: string): Promise<void> {
  const context = systemContext(organisationId, 'demo data')
  const evidence = workspace.evidence
  const today = evidence.today()
  const at = (days: number) => daysFromNow(today, days)
  const documents: DemoDocument[] = []

  // Six LSCB meetings, two months apart, the newest five weeks ago: SLAC's "last six" rule is met.
  for (let meeting = 0; meeting < 6; meeting += 1) {
    const date = at(-35 - meeting * 61)
    documents.push({
      title: `LSCB minutes, ${date}`,
      documentType: 'minutes',
      owner: 'LSCB business manager',
      date: -35 - meeting * 61,
      tags: 'lscb, governance',
      areas: ['slac-2009/lscb-minutes', 'sif-2013/lscb-information'],
      file: {
        name: `lscb-minutes-${date}.pdf`,
        lines: [
          'Demo Local Safeguarding Children Board',
          `Minutes of the meeting held on ${date}`,
          'Present: independent chair, DCS, police, health, education, probation',
          '1. Section 11 audit: returns received from all partners',
          '2. Multi-agency case audit on neglect: findings and actions',
          '3. Performance report: contacts, referrals and repeat referrals',
        ],
      },
    })
  }
  // Only four Children's Trust Board meetings on file: "4 of 6".
  for (let meeting = 0; meeting < 4; meeting += 1) {
    documents.push({
      title: `Children's Trust Board minutes, ${at(-50 - meeting * 91)}`,
      documentType: 'minutes',
      owner: 'Head of Policy, Programmes and Projects',
      date: -50 - meeting * 91,
      tags: "children's trust, governance",
      areas: ['slac-2009/childrens-trust-board'],
      file: {
        name: `ctb-minutes-${at(-50 - meeting * 91)}.txt`,
        lines: [
          "Demo Children's Trust Board",
          `Minutes, ${at(-50 - meeting * 91)}`,
          'Item 1: children and young people plan, progress review',
          'Item 2: early help offer and thresholds',
        ],
      },
    })
  }

  const single: DemoDocument[] = [
    {
      title: "Children and Young People's Plan 2025 to 2028, annual review",
      documentType: 'plan',
      owner: 'Head of Policy, Programmes and Projects',
      date: -120,
      reviewDue: 245,
      tags: 'cypp, strategy',
      areas: ['slac-2009/cypp'],
      file: {
        name: 'cypp-review.pdf',
        lines: ["Children and Young People's Plan: annual review", 'Priorities: early help, neglect, care leavers'],
      },
    },
    {
      title: 'Performance scorecard: safeguarding and children in care',
      documentType: 'performance-data',
      owner: 'Performance and intelligence team',
      date: -20,
      tags: 'performance, scorecard',
      areas: ['slac-2009/performance-and-qa', 'ilacs-2023/impact-of-leaders', 'sif-2013/annex-a-performance'],
      file: {
        name: 'scorecard.csv',
        lines: [
          'Indicator,This month,Last month,Statistical neighbours',
          'Re-referrals within 12 months (%),21.4,22.0,20.1',
          'Assessments within 45 days (%),86.2,84.9,85.0',
          'Children in care with 3+ placements (%),9.8,10.1,10.0',
        ],
      },
    },
    {
      title: 'Workforce report: vacancies, agency staff and caseloads',
      documentType: 'performance-data',
      owner: 'Principal social worker',
      date: -150,
      tags: 'workforce',
      areas: ['slac-2009/workforce-data'],
      file: {
        name: 'workforce.csv',
        lines: [
          'Team,Establishment,Vacancies,Agency,Average caseload',
          'Assessment,24,3,4,19',
          'Child in need,30,2,3,17',
        ],
      },
    },
    {
      title: 'Independent Reviewing Officer annual report',
      documentType: 'report',
      owner: 'IRO service manager',
      date: -90,
      tags: 'iro, children in care',
      areas: ['slac-2009/iro-reports', 'ilacs-2023/children-in-care'],
      file: {
        name: 'iro-annual-report.pdf',
        lines: ['Independent Reviewing Officer service: annual report', 'Reviews held on time: 94%'],
      },
    },
    {
      title: 'Quality assurance framework and case audit programme',
      documentType: 'audit',
      owner: 'Head of Quality Assurance',
      date: -30,
      reviewDue: 150,
      tags: 'quality assurance, audit',
      areas: ['slac-2009/performance-and-qa', 'ilacs-2023/impact-of-leaders', 'ilacs-2023/help-and-protection'],
      file: {
        name: 'qa-framework.pdf',
        lines: ['Quality assurance framework', 'Monthly themed audits; moderation; learning from audit'],
      },
    },
    {
      title: 'Self-evaluation of social work practice, annual',
      documentType: 'self-evaluation',
      owner: 'Director of Children’s Services',
      date: -60,
      tags: 'self-evaluation, ilacs',
      areas: ['ilacs-2023/self-evaluation', 'ilacs-2026/self-evaluation'],
      file: {
        name: 'self-evaluation.pdf',
        lines: [
          'What do we know about the quality and impact of social work practice?',
          'How do we know it?',
          'What are our plans to maintain or improve practice?',
        ],
      },
    },
    {
      title: 'Organisation chart: children’s services and partners',
      documentType: 'organisation-chart',
      owner: 'Business support manager',
      date: -400,
      tags: 'structure',
      areas: ['slac-2009/organisation-charts'],
      file: {
        name: 'organisation-chart.txt',
        lines: ['DCS', '- Assistant Director, Safeguarding', '- Assistant Director, Children in Care'],
      },
    },
    {
      title: 'Good news stories from team meetings (anonymised)',
      documentType: 'case-study',
      owner: 'Service manager, children and families',
      date: -10,
      tags: 'good news, practice',
      areas: ['ilacs-2023/help-and-protection'],
      file: {
        name: 'good-news.txt',
        lines: ['Team meeting good news stories, anonymised', 'A family kept together through early help'],
      },
    },
  ]
  documents.push(...single)

  // Annex A list specifications: the report that produces each list and its last run (never the list itself).
  const listNames = [
    'Contacts',
    'Early help',
    'Referrals',
    'Assessments',
    'Section 47 enquiries',
    'Child in need',
    'Child protection',
    'Children in care',
  ]
  listNames.forEach((name, index) => {
    documents.push({
      title: `Annex A list ${index + 1} (${name}): report specification and last test run`,
      documentType: 'list-specification',
      owner: 'Performance and intelligence team',
      date: -14,
      tags: 'annex a',
      areas: [`ilacs-2023/annex-a-list-${index + 1}`, `ilacs-2026/annex-a-list-${index + 1}`],
      file: {
        name: `annex-a-list-${index + 1}-specification.txt`,
        lines: [
          `Annex A list ${index + 1}: ${name}`,
          'Source: case management system report',
          'Last test run: reconciled',
        ],
      },
    })
  })

  // The policies register (seed 003 action 1.10): some in date, one due soon, two overdue, one without a date.
  const policies: [string, string, number, number | undefined][] = [
    ['Child protection procedures (multi-agency)', 'LSCB business manager', -200, 165],
    ['Thresholds document: continuum of need', 'Head of Early Help', -340, 25],
    ['Missing children protocol', 'Head of Safeguarding', -500, -135],
    ['Private fostering policy', 'Fostering service manager', -700, undefined],
    ['Supervision policy for social workers', 'Principal social worker', -400, -35],
    ['Allocation and case transfer procedure', 'Head of Assessment', -90, 275],
    ['Neglect strategy and toolkit', 'LSCB business manager', -60, 305],
  ]
  for (const [title, owner, date, reviewDue] of policies) {
    const areas = title.startsWith('Missing') ? ['slac-2009/missing-children'] : []
    documents.push({
      title,
      documentType: 'policy',
      owner,
      date,
      ...(reviewDue !== undefined ? { reviewDue } : {}),
      tags: 'policy',
      areas,
      file: { name: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`, lines: [title, `Owner: ${owner}`] },
    })
  }

  const ids: Record<string, string> = {}
  for (const document of documents) {
    const bytes = document.file.name.endsWith('.pdf')
      ? tinyPdf(document.file.lines)
      : Buffer.from(`${document.file.lines.join('\n')}\n`, 'utf8')
    const created = await evidence.create(
      context,
      {
        title: document.title,
        documentType: document.documentType,
        owner: document.owner,
        documentDate: at(document.date),
        reviewDue: document.reviewDue === undefined ? '' : at(document.reviewDue),
        tags: document.tags,
        areas: document.areas,
      },
      { filename: document.file.name, bytes },
    )
    ids[document.title] = created.id
  }

  // A second version of the QA framework keeps the first.
  const qa = ids['Quality assurance framework and case audit programme']
  if (qa) {
    await evidence.addVersion(
      context,
      qa,
      { expectedVersion: 1, note: 'Added the audit plan for the inspection weeks' },
      {
        filename: 'qa-framework-v2.pdf',
        bytes: tinyPdf(['Quality assurance framework, version 2', 'Audit plan during an Ofsted inspection added']),
      },
    )
  }

  // "What is our evidence?": link the first criteria of the demo self-evaluation to supporting documents.
  const options = await evidence.criterionOptions(context)
  const criteria = options[0]?.criteria ?? []
  const linkTo = [
    ids['Quality assurance framework and case audit programme'],
    ids['Good news stories from team meetings (anonymised)'],
  ]
  for (const [index, evidenceId] of linkTo.entries()) {
    const criterion = criteria[index]
    if (!evidenceId || !criterion || !options[0]) continue
    const { item } = await evidence.get(context, evidenceId)
    await evidence.linkCriterion(context, evidenceId, {
      expectedVersion: item.version,
      sefId: options[0].sefId,
      criterionId: criterion.criterionId,
    })
  }
}
