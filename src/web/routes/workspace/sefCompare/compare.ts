import { CRITERION_RATING_LABELS, type CriterionRating } from '../../../../domain/workspace/index.js'
import type { SefService } from '../../../../services/workspace/sefService.js'
import { diffWords, type DiffPart } from './diff.js'

type LoadedSef = Awaited<ReturnType<SefService['get']>>

export interface FieldComparison {
  label: string
  changed: boolean
  /** What the earlier version said, with the words the later one dropped marked. */
  before: DiffPart[]
  /** What the later version says, with its new words marked. */
  after: DiffPart[]
}

export interface AreaComparison {
  judgementId: string
  label: string
  gradeBefore: string
  gradeAfter: string
  gradeChanged: boolean
  fields: FieldComparison[]
  changes: number
}

function gradeText(area: LoadedSef['areas'][number]): string {
  return area.grades.find(grade => grade.id === area.gradeId)?.label ?? 'Not graded'
}

function field(label: string, before: string, after: string): FieldComparison {
  const parts = diffWords(before, after)
  return {
    label,
    changed: before !== after,
    before: parts.filter(part => part.kind !== 'added'),
    after: parts.filter(part => part.kind !== 'removed'),
  }
}

function ratingText(rating: CriterionRating | null): string {
  return rating ? CRITERION_RATING_LABELS[rating] : 'Not assessed'
}

function overallText(sef: LoadedSef): string {
  const overall = sef.projection.result.judgements['overall-effectiveness']
  if (!overall) return 'No overall judgement'
  const words = (id: string) => id.replace(/-/g, ' ')
  return overall.grade ? words(overall.grade) : `between ${words(overall.max)} and ${words(overall.min)}`
}

/** Two versions of one self-evaluation, side by side: per judgement area, the grades and the text changes. */
export function compareVersions(before: LoadedSef, after: LoadedSef) {
  const areas: AreaComparison[] = after.areas.map(afterArea => {
    const beforeArea = before.areas.find(area => area.judgementId === afterArea.judgementId) ?? {
      ...afterArea,
      whatWeKnow: '',
      howWeKnow: '',
      ourPlans: '',
      gradeId: null,
      justification: '',
    }
    const fields = [
      field(after.questions[0] ?? 'What we know', beforeArea.whatWeKnow, afterArea.whatWeKnow),
      field(after.questions[1] ?? 'How we know', beforeArea.howWeKnow, afterArea.howWeKnow),
      field(after.questions[2] ?? 'Our plans', beforeArea.ourPlans, afterArea.ourPlans),
      field('Why this grade', beforeArea.justification, afterArea.justification),
    ]
    const gradeChanged = beforeArea.gradeId !== afterArea.gradeId
    return {
      judgementId: afterArea.judgementId,
      label: afterArea.label,
      gradeBefore: gradeText(beforeArea),
      gradeAfter: gradeText(afterArea),
      gradeChanged,
      fields,
      changes: fields.filter(entry => entry.changed).length + (gradeChanged ? 1 : 0),
    }
  })
  const beforeCriteria = new Map(before.criteria.map(criterion => [criterion.criterionId, criterion]))
  const afterIds = new Set(after.criteria.map(criterion => criterion.criterionId))
  const criteria = [
    ...after.criteria.map(criterion => {
      const earlier = beforeCriteria.get(criterion.criterionId)
      const ratingBefore = earlier ? ratingText(earlier.rating) : 'Not in this version'
      const ratingAfter = ratingText(criterion.rating)
      return {
        text: `${criterion.judgementLabel}: ${criterion.text}`,
        ratingBefore,
        ratingAfter,
        changed: !earlier || earlier.rating !== criterion.rating,
      }
    }),
    ...before.criteria
      .filter(criterion => !afterIds.has(criterion.criterionId))
      .map(criterion => ({
        text: `${criterion.judgementLabel}: ${criterion.text}`,
        ratingBefore: ratingText(criterion.rating),
        ratingAfter: 'Not in this version',
        changed: true,
      })),
  ]
  const overallBefore = overallText(before)
  const overallAfter = overallText(after)
  return {
    areas,
    criteria,
    overall: { before: overallBefore, after: overallAfter, changed: overallBefore !== overallAfter },
    gaps: { before: before.gaps.length, after: after.gaps.length },
    changedAreas: areas.filter(area => area.changes > 0).length,
    changedCriteria: criteria.filter(criterion => criterion.changed).length,
  }
}
