/**
 * The readiness workspace's pure rules: RAG computation, plan import (column mapping, dates, seed 001's layout),
 * self-evaluation areas, projections through the judgement engine, and gap analysis. No I/O.
 */
export * from './dates.js'
export * from './rag.js'
export * from './planColumns.js'
export * from './planDates.js'
export * from './planImport.js'
export * from './selfEvaluation.js'
