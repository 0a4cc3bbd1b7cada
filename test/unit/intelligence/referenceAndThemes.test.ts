import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  authoritiesFromLookup,
  authorityKey,
  buildAuthorityIndex,
  parseNeighbourModel,
  parseThemeRules,
  phrasePattern,
  tagThemes,
  themeFrequencies,
} from '../../../src/domain/intelligence/index.js'

describe('intelligence: local authority reference data', () => {
  const authorities = authoritiesFromLookup([
    {
      la_code: '301',
      la_code_new: 'E09000002',
      local_authority_ons_name: 'Barking and Dagenham',
      also_known_as: '',
      region_name: 'London',
      utla23nm: 'Barking and Dagenham',
    },
    {
      la_code: '801',
      la_code_new: 'E06000023',
      local_authority_ons_name: 'Bristol, City of',
      also_known_as: '[Bristol]',
      region_name: 'South West',
      utla23nm: 'Bristol, City of',
    },
    {
      la_code: '810',
      la_code_new: 'E06000010',
      local_authority_ons_name: 'Kingston Upon Hull, City of',
      also_known_as: '[Kingston Upon Hull, Hull]',
      region_name: 'Yorkshire and the Humber',
    },
    { la_code: 'xx', la_code_new: '', local_authority_ons_name: 'Junk' },
  ])
  const index = buildAuthorityIndex(authorities)

  it('resolves codes old and new, names and their variants', () => {
    assert.equal(authorities.length, 2 + 1)
    assert.equal(index.resolve('Barking & Dagenham')?.oldCode, '301')
    assert.equal(index.resolve('E09000002')?.oldCode, '301')
    assert.equal(index.resolve('301')?.name, 'Barking and Dagenham')
    assert.equal(index.resolve('Bristol')?.oldCode, '801')
    assert.equal(index.resolve('City of Bristol')?.oldCode, '801')
    assert.equal(index.resolve('Hull')?.oldCode, '810')
    assert.equal(index.resolve('Atlantis'), undefined)
    assert.equal(authorityKey('St. Helens'), authorityKey('St Helens'))
  })

  it('reads both statistical-neighbour layouts (2021 and 2025)', () => {
    const model2021 = parseNeighbourModel(
      ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg', 'SN1', 'SNP', 'SN2', 'SNP', ''],
      [['201', 'City of London', '201', '3', 'London', '207', 'Not Close', '213', 'Not Close', '']],
    )
    assert.deepEqual(model2021.get('201'), [
      { oldCode: '207', position: 1, closeness: 'Not Close' },
      { oldCode: '213', position: 2, closeness: 'Not Close' },
    ])
    const model2025 = parseNeighbourModel(
      ['old_la_code', 'la_name', 'SN_1', 'SN_1P'],
      [
        ['301', 'Barking', '308', 'Close '],
        ['bad', 'x', '1', 'y'],
      ],
    )
    assert.deepEqual(model2025.get('301'), [{ oldCode: '308', position: 1, closeness: 'Close' }])
    assert.equal(model2025.size, 1)
  })
})

describe('intelligence: theme tagging with phrase rules', () => {
  it('matches whole words, wildcards and case-sensitive acronyms', () => {
    assert.ok(phrasePattern('caseload*').test('High caseloads persist.'))
    assert.ok(!phrasePattern('drift').test('adrift'))
    assert.ok(phrasePattern('CSE').test('risk of CSE'))
    assert.ok(!phrasePattern('CSE').test('because'))
    assert.ok(phrasePattern("children's views").test('Children’s views are sought'))
  })

  it('tags text with seed 004 themes and quotes the sentence behind each', () => {
    const text =
      'Social workers have manageable caseloads. The virtual school is effective. IRO challenge is not strong enough.\n\nLeaders know their services well.'
    const matches = tagThemes(text)
    const themes = matches.map(m => m.theme)
    assert.ok(themes.includes('caseloads-and-drift'))
    assert.ok(themes.includes('education-virtual-school'))
    assert.ok(themes.includes('iro-challenge'))
    assert.ok(themes.includes('leadership'))
    assert.equal(matches.find(m => m.theme === 'iro-challenge')?.quote, 'IRO challenge is not strong enough.')
  })

  it('counts themes by grade with the quotes behind each count', () => {
    const frequencies = themeFrequencies([
      { report: 'a', grade: 'good', matches: tagThemes('Caseloads are low.') },
      { report: 'b', grade: 'inadequate', matches: tagThemes('There is drift in plans.') },
      { report: 'c', grade: 'inadequate', matches: tagThemes('Nothing to see.') },
    ])
    const caseloads = frequencies.find(f => f.theme === 'caseloads-and-drift')!
    assert.deepEqual(caseloads.byGrade, { good: 1, inadequate: 1 })
    assert.equal(caseloads.quotes.length, 2)
  })

  it('reads edited rules and names bad lines', () => {
    const { rules, problems } = parseThemeRules(
      '# comment\nfostering | Fostering | foster carer*; fostering\nBAD ID | x | y\nempty | Empty |',
    )
    assert.deepEqual(
      rules.map(r => r.id),
      ['fostering'],
    )
    assert.equal(problems.length, 2)
  })
})
