import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CODE_LISTS,
  codeMatcherFor,
  detectSchemaVersion,
  findHeaderRow,
  getSchema,
  identifyListFromHeaders,
  identifyListFromSheetName,
  LIST_NUMBERS,
  mapColumns,
  resolveSchemaVersion,
  SCHEMA_VERSIONS,
} from '../../../src/domain/annex-a/index.js'

describe('identifyListFromSheetName', () => {
  const cases: [string, number | null][] = [
    ['List 1', 1],
    ['List_1', 1],
    ['list-11', 11],
    ['List 1: Contacts', 1],
    ['Annex A List 10', 10],
    ['Contacts', 1],
    ['Early Help', 2],
    ['Referrals', 3],
    ['Assessments', 4],
    ['Sec47 and ICPC', 5],
    ['Children in Need', 6],
    ['Child Protection', 7],
    ['Children in Care', 8],
    ['Care leavers', 9],
    ['Adopters', 11],
    ['List 12', null],
    ['Guidance', null],
    ['Sheet1', null],
  ]
  for (const [name, list] of cases) it(`"${name}" → ${list}`, () => assert.equal(identifyListFromSheetName(name), list))
})

describe('identifying lists by their headers', () => {
  for (const version of SCHEMA_VERSIONS) {
    for (const list of LIST_NUMBERS) {
      it(`finds List ${list} from its ${version} headers`, () => {
        const headers = getSchema(version).lists[list].columns.map(column => column.header)
        assert.equal(identifyListFromHeaders(headers)?.list, list)
      })
    }
  }

  it('skips a title row and blank rows to find the header row', () => {
    const rows = [
      ['List 3: Referral'],
      [],
      getSchema('2019').lists[3].columns.map(column => column.header),
      ['1', 'a) Male'],
    ]
    assert.deepEqual({ index: findHeaderRow(rows)?.index, list: findHeaderRow(rows)?.list }, { index: 2, list: 3 })
  })

  it('tolerates real-world header spellings', () => {
    const headers = [
      'Child Unique ID',
      'Gender',
      'Ethnicity',
      'Date of Birth',
      'Age',
      'Date of Contact ',
      'contact source',
    ]
    assert.equal(identifyListFromHeaders(headers)?.list, 1)
  })

  it('returns null for a sheet that is not a list', () => {
    assert.equal(findHeaderRow([['Front sheet'], ['Local authority', 'Anytown']]), null)
  })
})

describe('detectSchemaVersion', () => {
  it('sees 2019 when no later column is present', () => {
    assert.equal(detectSchemaVersion([getSchema('2019').lists[9].columns.map(column => column.header)]).version, '2019')
  })
  it('sees 2023 from the care leaver columns', () => {
    assert.equal(detectSchemaVersion([getSchema('2023').lists[9].columns.map(column => column.header)]).version, '2023')
  })
  it('sees 2026 from Sex', () => {
    assert.equal(
      detectSchemaVersion([['Child Unique ID', 'Sex'], getSchema('2023').lists[9].columns.map(c => c.header)]).version,
      '2026',
    )
  })
  it('lets the user override', () => {
    assert.equal(resolveSchemaVersion('2019', [['Sex']]).version, '2019')
  })
  it('has Sex in place of Gender in every 2026 list', () => {
    for (const list of LIST_NUMBERS) {
      const headers = getSchema('2026').lists[list].columns.map(column => column.header)
      assert.ok(headers.includes('Sex') && !headers.includes('Gender'), `List ${list}`)
    }
  })
})

describe('mapColumns', () => {
  const spec = getSchema('2019').lists[1]
  it('maps, reports unknown and repeated columns, and missing ones', () => {
    const mapping = mapColumns(['Child Unique ID', 'Gender', 'Team', 'Gender', 'Date of Contact', 'Ethnicity'], spec, 2)
    assert.deepEqual(
      mapping.columns.map(column => [column.index, column.spec.key]),
      [
        [0, 'childId'],
        [1, 'gender'],
        [4, 'dateOfContact'],
        [5, 'ethnicity'],
      ],
    )
    assert.deepEqual(
      mapping.issues.map(issue => [issue.code, issue.column]),
      [
        ['column-unknown', 'Team'],
        ['column-repeated', 'Gender'],
        ['column-missing-optional', 'Date of Birth'],
        ['column-missing-optional', 'Age of Child (Years)'],
        ['column-missing', 'Contact Source'],
      ],
    )
  })
})

describe('code lists', () => {
  it('match every code of every list exactly', () => {
    for (const list of Object.values(CODE_LISTS)) {
      for (const entry of list.entries)
        assert.equal(codeMatcherFor(list.id).match(entry.code).kind, 'exact', entry.code)
    }
  })
  it('keep the letter prefixes of the template', () => {
    assert.ok(CODE_LISTS['gender']?.entries.every(entry => /^[a-d]\) /.test(entry.code)))
    assert.ok(
      CODE_LISTS['source']?.entries.some(entry => entry.code === 'p1) 5D: LA services' && entry.since === '2023'),
    )
  })
})
