import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { diffWords, type DiffPart } from '../../../src/web/routes/workspace/sefCompare/diff.js'

const side = (parts: DiffPart[], drop: DiffPart['kind']) =>
  parts
    .filter(part => part.kind !== drop)
    .map(part => part.text)
    .join('')

describe('word-level diff for comparing self-evaluation versions', () => {
  for (const [before, after, expected] of [
    ['', '', []],
    ['same text', 'same text', [{ kind: 'same', text: 'same text' }]],
    ['', 'new answer', [{ kind: 'added', text: 'new answer' }]],
    ['old answer', '', [{ kind: 'removed', text: 'old answer' }]],
    [
      'Practice is good in most teams',
      'Practice is consistently good in all teams',
      [
        { kind: 'same', text: 'Practice is ' },
        { kind: 'added', text: 'consistently ' },
        { kind: 'same', text: 'good in ' },
        { kind: 'removed', text: 'most' },
        { kind: 'added', text: 'all' },
        { kind: 'same', text: ' teams' },
      ],
    ],
  ] as const) {
    it(`"${before}" → "${after}"`, () => {
      assert.deepEqual(diffWords(before, after), expected)
    })
  }

  it('property: the unchanged and removed parts rebuild the earlier text; unchanged and added the later', () => {
    const words = fc
      .array(fc.constantFrom('a', 'b', 'c', 'good', ' ', '\n', 'é'), { maxLength: 40 })
      .map(w => w.join(''))
    fc.assert(
      fc.property(words, words, (before, after) => {
        const parts = diffWords(before, after)
        assert.equal(side(parts, 'added'), before)
        assert.equal(side(parts, 'removed'), after)
        assert.ok(parts.every(part => part.text !== ''))
        if (before === after) assert.ok(parts.every(part => part.kind === 'same'))
      }),
    )
  })

  it('replaces very long texts whole rather than building a huge table', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ')
    const after = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(' ')
    const started = performance.now()
    const parts = diffWords(before, after)
    assert.ok(performance.now() - started < 2000)
    assert.equal(side(parts, 'added'), before)
    assert.equal(side(parts, 'removed'), after)
  })
})
