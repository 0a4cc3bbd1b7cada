import type { Role } from '../domain/platform/roles.js'

export interface ModuleLink {
  href: string
  text: string
  summary: string
  built: boolean
  roles?: readonly Role[]
}

/** The service navigation. Modules not built yet are shown and marked as coming, so people can see the plan. */
export const MODULES: readonly ModuleLink[] = [
  {
    href: '/dashboard',
    text: 'Dashboard',
    summary: 'Readiness at a glance: self-evaluation, gaps, plans, evidence, Annex A and the next inspection window.',
    built: true,
  },
  {
    href: '/frameworks',
    text: 'Frameworks',
    summary: 'Inspection frameworks, the judgement engine and inspection timelines.',
    built: true,
  },
  {
    href: '/annex-a',
    text: 'Annex A',
    summary: 'Import child-level data, validate it, and run monthly test runs with an issues log.',
    built: true,
  },
  {
    href: '/audits',
    text: 'Sampling and audits',
    summary: 'Reproducible case samples, practice audits, moderation and themes.',
    built: true,
  },
  {
    href: '/self-evaluation',
    text: 'Self-evaluation',
    summary: 'Self-evaluation and gap analysis against grade descriptors, and the evidence bank.',
    built: true,
  },
  {
    href: '/evidence',
    text: 'Evidence bank',
    summary: 'Key documents with versions and review dates, required-document checklists and the policies register.',
    built: true,
  },
  { href: '/plans', text: 'Plans', summary: 'Improvement plans and work plans with RAG tracking.', built: true },
  {
    href: '/intelligence',
    text: 'Intelligence',
    summary: 'Published outcomes, statistical-neighbour benchmarking and themes across reports.',
    built: true,
  },
  { href: '/admin', text: 'Admin', summary: 'People, roles and the audit log.', built: true, roles: ['admin'] },
]

export function navigationFor(role: Role | undefined, currentPath: string) {
  return MODULES.filter(link => !link.roles || (role && link.roles.includes(role))).map(link => ({
    href: link.href,
    text: link.text,
    active: currentPath === link.href || currentPath.startsWith(`${link.href}/`),
  }))
}
