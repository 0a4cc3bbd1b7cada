/**
 * Annex A domain core: the versioned schema, list identification, cell parsing, streaming validation, indicators
 * and a synthetic generator. Pure functions over plain data: readers (xlsx, csv, ods) live in src/services and
 * feed rows in; nothing here touches files, the database or the network.
 */

// Types
export type {
  AnnexASchema,
  CellValue,
  CleanRow,
  CleanValue,
  ColumnSpec,
  ColumnType,
  IsoDate,
  Issue,
  ListNumber,
  ListSpec,
  SchemaVersion,
  Severity,
  ValueMapping,
} from './types.js'
export { LIST_NUMBERS, SCHEMA_VERSIONS } from './types.js'

// Schema as data
export type { CodeEntry, CodeList } from './schema/codeLists.js'
export { CODE_LISTS } from './schema/codeLists.js'
export { getSchema, LATEST_SCHEMA_VERSION, SCHEMAS } from './schema/versions.js'
export { packRow, STORED_ROW_KEYS, unpackRow } from './schema/storedRows.js'
export type { VersionDetection } from './schema/detectVersion.js'
export { detectSchemaVersion, resolveSchemaVersion } from './schema/detectVersion.js'

// Sheets, header rows and columns
export type { HeaderMatch, HeaderRowMatch } from './schema/identifyList.js'
export { findHeaderRow, identifyListFromHeaders, identifyListFromSheetName } from './schema/identifyList.js'
export type { ColumnMapping, MappedColumn } from './schema/mapColumns.js'
export { mapColumns } from './schema/mapColumns.js'

// Cells
export type { DateParse } from './parse/dates.js'
export { addMonths, ageAt, excelSerialToIsoDate, formatUkDate, isoDateToExcelSerial, parseDate } from './parse/dates.js'
export type { CellContext, CellParse, CellProblem } from './parse/parseCell.js'
export { parseCell } from './parse/parseCell.js'
export type { CodeMatch } from './parse/codeMatcher.js'
export { codeMatcherFor } from './parse/codeMatcher.js'
export type { ValueMappingTable } from './parse/valueMappings.js'
export { createValueMappingTable } from './parse/valueMappings.js'

// Validation
export type { IssueCode } from './validate/issueCodes.js'
export { ISSUE_CODES } from './validate/issueCodes.js'
export type {
  AnnexAValidator,
  IssueCounts,
  ListSummary,
  RowOutcome,
  RowResult,
  SheetValidator,
  ValidationSummary,
  ValidatorOptions,
} from './validate/createValidator.js'
export { createAnnexAValidator } from './validate/createValidator.js'
export type { SheetInput, WorkbookValidation } from './validate/validateWorkbook.js'
export { validateWorkbook } from './validate/validateWorkbook.js'

// Indicators
export type { IndicatorDefinition, IndicatorUnit } from './indicators/definitions.js'
export { INDICATORS } from './indicators/definitions.js'
export type {
  IndicatorAccumulator,
  IndicatorOptions,
  IndicatorPart,
  IndicatorValue,
} from './indicators/computeIndicators.js'
export { computeIndicators, createIndicatorAccumulator } from './indicators/computeIndicators.js'
export type { WorkingDayCalendar } from './indicators/workingDays.js'
export { createWorkingDayCalendar, ENGLAND_AND_WALES_BANK_HOLIDAYS } from './indicators/workingDays.js'

// Synthetic data
export type { GeneratedAnnexA, GeneratedSheet, GeneratorOptions } from './generator/generateAnnexA.js'
export { generateAnnexA } from './generator/generateAnnexA.js'
export type { PlantedError } from './generator/plantErrors.js'
