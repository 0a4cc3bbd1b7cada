export { detectFileType, LEGACY_XLS_MESSAGE } from './detectFileType.js'
export { DEFAULT_MAX_FILE_BYTES, openSpreadsheet, type OpenedSpreadsheet, type OpenOptions } from './openSpreadsheet.js'
export { detectEncoding, readCsv } from './readCsv.js'
export { readXlsx } from './readXlsx.js'
export { readZipOfLists } from './readZipOfLists.js'
export { readOdsEvents } from './odsEvents.js'
export {
  DEFAULT_READ_LIMITS,
  SpreadsheetError,
  type ReadEvent,
  type ReadLimits,
  type SpreadsheetKind,
} from './types.js'
