import { reference, seed } from './sources.js'
import type { GradeScale } from './types.js'

/** The 2009–2012 inspection scale (SLAC): grade 1 is best. */
export const INSPECTION_2009_SCALE: GradeScale = {
  id: 'inspection-2009',
  label: 'Inspection grades, 2009–2012',
  numbering: 'one-is-best',
  grades: [
    {
      id: 'outstanding',
      label: 'Outstanding',
      number: 1,
      description: 'A service that significantly exceeds minimum requirements',
    },
    { id: 'good', label: 'Good', number: 2, description: 'A service that exceeds minimum requirements' },
    { id: 'adequate', label: 'Adequate', number: 3, description: 'A service that only meets minimum requirements' },
    {
      id: 'inadequate',
      label: 'Inadequate',
      number: 4,
      description: 'A service that does not meet minimum requirements',
    },
  ],
  note: 'Descriptions are those printed in a 2013 targeted looked-after-children report; that SLAC used the same wording is inferred, not confirmed.',
  source: seed(
    '000',
    'SLAC summary, "Evaluation criteria"',
    'the four grade descriptors – Outstanding, Good, Adequate and Inadequate',
  ),
}

/** The scale from November 2013 (SIF, ILACS): "requires improvement (to be good)" replaced "adequate". */
export const INSPECTION_2013_SCALE: GradeScale = {
  id: 'inspection-2013',
  label: 'Inspection grades from November 2013',
  numbering: 'one-is-best',
  grades: [
    { id: 'outstanding', label: 'Outstanding', number: 1 },
    {
      id: 'good',
      label: 'Good',
      number: 2,
      description:
        'The benchmark: the minimum standard that any child in need of help, protection or support can expect (seed 002, Appendix 2)',
    },
    { id: 'requires-improvement', label: 'Requires improvement to be good', number: 3 },
    {
      id: 'inadequate',
      label: 'Inadequate',
      number: 4,
      description:
        'Children and young people are not protected or their welfare is not being promoted (seed 002, Appendix 2)',
    },
  ],
  source: seed(
    '002',
    'Appendix 2, "Judgements"',
    "four judgement categories; 'outstanding', 'good', 'requires improvement' (replacing 'adequate') and 'inadequate'",
  ),
}

/** The annual children's services rating, 2009–2011: 4 is best, the opposite of inspection grades. */
export const CSA_RATING_SCALE: GradeScale = {
  id: 'csa-rating',
  label: "Children's services assessment rating",
  numbering: 'four-is-best',
  grades: [
    { id: 'performs-excellently', label: 'Performs excellently', number: 4 },
    { id: 'performs-well', label: 'Performs well', number: 3 },
    { id: 'performs-adequately', label: 'Performs adequately', number: 2 },
    { id: 'performs-poorly', label: 'Performs poorly', number: 1 },
  ],
  note: 'Grade 4 is best here, unlike inspection grades where grade 1 (outstanding) is best.',
  source: reference(
    'ROTH-2012',
    'frameworks.md §2.1',
    'confirmed',
    'grade 1 (performs poorly), grade 2 (performs adequately), grade 3 (performs well) and grade 4 (performs excellently)',
  ),
}

/** For inputs that are a finding present or not, e.g. "the unannounced inspection set an area for priority action". */
export const FINDING_SCALE: GradeScale = {
  id: 'finding',
  label: 'Finding present',
  grades: [
    { id: 'no', label: 'No' },
    { id: 'yes', label: 'Yes' },
  ],
  source: { ref: 'frameworks.md', at: '§2.1', evidence: 'confirmed' },
}
