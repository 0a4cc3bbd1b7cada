import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { getSchema, SCHEMA_VERSIONS, type ListNumber, type SchemaVersion } from '../../domain/annex-a/index.js'
import type { Db } from '../../db/connect.js'
import { neutraliseFormula, type Pseudonymiser } from './pseudonymise.js'
import { cursorOf, pageOfListRows, sheetsOfList, storedRow, type RowCursor } from './storedRows.js'

const PAGE = 5000
const IDENTIFYING_HEADER = /birth|dob|postcode|identifier|unique id|child id|adopter/i

const schemaFor = (version: string) =>
  getSchema((SCHEMA_VERSIONS as readonly string[]).includes(version) ? (version as SchemaVersion) : '2026')

const ISSUE_COLUMNS = [
  { header: 'List', key: 'list', width: 6 },
  { header: 'Row', key: 'row', width: 7 },
  { header: 'Child Unique ID', key: 'child', width: 18 },
  { header: 'Column', key: 'column', width: 30 },
  { header: 'Value', key: 'value', width: 20 },
  { header: 'Severity', key: 'severity', width: 9 },
  { header: 'Code', key: 'code', width: 24 },
  { header: 'What to fix', key: 'message', width: 80 },
  { header: 'Status', key: 'status', width: 9 },
  { header: 'Reason', key: 'reason', width: 30 },
  { header: 'Owner', key: 'owner', width: 20 },
  { header: 'Note', key: 'note', width: 30 },
] as const

type IssueRecord = Record<(typeof ISSUE_COLUMNS)[number]['key'], string | number | null>

const issueHeaders = (pseudonymiser: Pseudonymiser | null) =>
  ISSUE_COLUMNS.map(column => ({
    ...column,
    header: column.key === 'child' && pseudonymiser ? 'Child (pseudonym)' : column.header,
  }))

/** The issues of a run, read from the database in pages, pseudonymised when asked, formulas neutralised. */
async function* issueRecords(
  db: Db,
  run: { organisationId: string; runId: string; schemaVersion: string },
  pseudonymiser: Pseudonymiser | null,
): AsyncGenerator<IssueRecord> {
  const schema = schemaFor(run.schemaVersion)
  for (let after = 0; ;) {
    const issues = await db
      .selectFrom('annex_a_issue')
      .selectAll()
      .where('organisation_id', '=', run.organisationId)
      .where('run_id', '=', run.runId)
      .where('issue_seq', '>', after)
      .orderBy('issue_seq')
      .limit(PAGE)
      .execute()
    if (issues.length === 0) break
    for (const issue of issues) {
      let value: string | number | null = issue.value
      let message = issue.message
      if (pseudonymiser) {
        const spec = issue.list
          ? columnByHeader(schema.lists[issue.list as ListNumber].columns, issue.column_name)
          : undefined
        if (spec && (spec.type === 'id' || spec.type === 'postcode' || spec.key === 'dateOfBirth'))
          value = pseudonymiser.value(spec, value) as string | number | null
        // A header spelt differently from the template (`DOB`, `Child ID`) still must not leak what it holds.
        else if (!spec && issue.column_name && IDENTIFYING_HEADER.test(issue.column_name)) value = '(withheld)'
        if (issue.child_id) message = message.split(issue.child_id).join(pseudonymiser.id(issue.child_id) ?? '')
        if (issue.value && value !== issue.value) message = message.split(issue.value).join(String(value ?? ''))
      }
      yield {
        list: issue.list,
        row: issue.row_number,
        child: neutraliseFormula(pseudonymiser ? pseudonymiser.id(issue.child_id) : issue.child_id),
        column: neutraliseFormula(issue.column_name),
        value: neutraliseFormula(value),
        severity: issue.severity,
        code: issue.code,
        message: neutraliseFormula(message),
        status: issue.status,
        reason: neutraliseFormula(issue.status_reason),
        owner: neutraliseFormula(issue.owner),
        note: neutraliseFormula(issue.note),
      }
    }
    after = issues[issues.length - 1]!.issue_seq
  }
}

/** The issues log as an XLSX, written row by row (exceljs's streaming writer) and read from the database in pages. */
export async function writeIssuesWorkbook(
  db: Db,
  target: Writable,
  run: { organisationId: string; runId: string; schemaVersion: string },
  pseudonymiser: Pseudonymiser | null,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('Issues')
  sheet.columns = issueHeaders(pseudonymiser).map(column => ({ ...column }))
  let written = 0
  for await (const record of issueRecords(db, run, pseudonymiser)) {
    sheet.addRow(record).commit()
    written += 1
  }
  sheet.commit()
  await workbook.commit()
  return written
}

/**
 * The issues log as CSV (UTF-8 with a byte-order mark, so Excel reads it as UTF-8; CRLF line ends), streamed with
 * back-pressure. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe, as in the XLSX.
 */
export async function writeIssuesCsv(
  db: Db,
  target: Writable,
  run: { organisationId: string; runId: string; schemaVersion: string },
  pseudonymiser: Pseudonymiser | null,
): Promise<number> {
  const columns = issueHeaders(pseudonymiser)
  const write = async (text: string) => {
    if (!target.write(text)) await once(target, 'drain')
  }
  await write(`\uFEFF${columns.map(column => csvCell(column.header)).join(',')}\r\n`)
  let written = 0
  for await (const record of issueRecords(db, run, pseudonymiser)) {
    await write(`${columns.map(column => csvCell(record[column.key])).join(',')}\r\n`)
    written += 1
  }
  target.end()
  return written
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The cleaned lists in the template layout: a title row, the template's headers, then the rows. */
export async function writeListsWorkbook(
  db: Db,
  target: Writable,
  run: { organisationId: string; runId: string; schemaVersion: string },
  pseudonymiser: Pseudonymiser | null,
): Promise<number> {
  const schema = schemaFor(run.schemaVersion)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: false })
  let written = 0
  for (const spec of Object.values(schema.lists)) {
    const sheet = workbook.addWorksheet(`List ${spec.list}`)
    sheet.addRow([`List ${spec.list}: ${spec.name}`]).commit()
    sheet.addRow(spec.columns.map(column => column.header)).commit()
    // The list's sheets once, not once a page.
    const sheets = await sheetsOfList(db, run, spec.list)
    for (let after: RowCursor | null = null; ;) {
      const rows = await pageOfListRows(db, run, spec.list, sheets, after, PAGE)
      if (rows.length === 0) break
      for (const stored of rows) {
        const data = storedRow(spec.list, stored.data)
        const cells = spec.columns.map(column => {
          const value = pseudonymiser
            ? pseudonymiser.value(column, data[column.key] ?? null)
            : (data[column.key] ?? null)
          // Dates go out as DD/MM/YYYY text, the format the guidance asks for, so no locale can misread them.
          if (column.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
            return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`
          return neutraliseFormula(value)
        })
        sheet.addRow(cells).commit()
        written += 1
      }
      after = cursorOf(rows[rows.length - 1]!)
    }
    sheet.commit()
  }
  await workbook.commit()
  return written
}

function columnByHeader(columns: readonly { header: string; key: string; type: string }[], header: string | null) {
  if (!header) return undefined
  const wanted = header.trim().toLowerCase()
  return columns.find(column => column.header.toLowerCase() === wanted) as Parameters<Pseudonymiser['value']>[0]
}
