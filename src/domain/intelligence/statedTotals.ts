import { parseGradeLabel } from './gradeLabels.js'
import type { StatedTotal } from './types.js'

/**
 * Counts a paper states about its own table ("9 local authorities have been rated 'Good'", "71% of local
 * authorities have been rated as failing to meet the required standards"), so they can be checked against
 * the rows. The wording is seed 004 §5's; other papers may need more patterns here.
 */

const SUBJECT = String.raw`(local authorities|authorities|las|councils|lscbs|lcsbs|safeguarding boards)`
const COUNT = new RegExp(
  String.raw`\b(\d+)\s+${SUBJECT}\s+(?:have\s+been|were|was|are)\s+(?:rated|judged)\s+(?:as\s+)?['‘’"]?([a-z ]+?)['‘’"]?(?:[.,;]|$)`,
  'i',
)
const SHARE = new RegExp(
  String.raw`\b(\d+(?:\.\d+)?)\s*%\s+of\s+(?:all\s+)?${SUBJECT}\s+(?:have\s+been|were|are)\s+(?:rated|judged)\s+as\s+(failing|not yet good|less than good|not good)`,
  'i',
)

function judgementOf(subject: string): string {
  return /lscb|lcsb|board/i.test(subject) ? 'lscb' : 'overall-effectiveness'
}

export function statedTotalsIn(text: string): StatedTotal[] {
  const totals: StatedTotal[] = []
  for (const line of text.split(/\r?\n/)) {
    const quote = line
      .replace(/[*_]/g, '')
      .replace(/^\s*[-•]\s*/, '')
      .trim()
    const count = COUNT.exec(quote)
    if (count) {
      const grade = parseGradeLabel(count[3]!, 'inspection-2013')
      if (grade && !grade.leftover) {
        totals.push({
          judgement: judgementOf(count[2]!),
          grade: grade.grade,
          value: Number(count[1]),
          percent: false,
          quote,
        })
      }
    }
    const share = SHARE.exec(quote)
    if (share) {
      totals.push({
        judgement: judgementOf(share[2]!),
        grade: 'not-yet-good',
        value: Number(share[1]),
        percent: true,
        quote,
      })
    }
  }
  return totals
}
