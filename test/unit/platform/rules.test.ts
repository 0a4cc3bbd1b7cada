import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkMigrationHistory } from '../../../src/domain/platform/migrationHistory.js'
import { passwordProblem } from '../../../src/domain/platform/passwordPolicy.js'
import { can, PERMISSIONS, type ROLES } from '../../../src/domain/platform/roles.js'
import { decideSignIn, THROTTLE_RULES } from '../../../src/domain/platform/signInThrottle.js'

describe('migration history guard', () => {
  const known = ['0001_a', '0002_b', '0003_c']
  it('accepts every prefix and returns the rest as pending', () => {
    for (let length = 0; length <= known.length; length += 1) {
      assert.deepEqual(checkMigrationHistory(known.slice(0, length), known), { ok: true, pending: known.slice(length) })
    }
  })
  it('refuses any applied list that is not a prefix (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('0001_a', '0002_b', '0003_c', '0004_x', '0002_edited'), { maxLength: 5 }),
        applied => {
          const isPrefix = applied.length <= known.length && applied.every((name, index) => known[index] === name)
          assert.equal(checkMigrationHistory(applied, known).ok, isPrefix)
        },
      ),
    )
  })
  it('says why', () => {
    const result = checkMigrationHistory(['0001_a', '0003_c'], known)
    assert.equal(result.ok, false)
    assert.match(!result.ok ? result.reason : '', /Applied migration 2 is "0003_c" but the code expects "0002_b"/)
  })
  it('refuses a known list out of name order', () => {
    assert.equal(checkMigrationHistory([], ['0002_b', '0001_a']).ok, false)
  })
})

describe('roles', () => {
  const table: [string, keyof typeof PERMISSIONS, boolean][] = [
    ['admin', 'users:manage', true],
    ['lead', 'users:manage', false],
    ['viewer', 'child-data:read', false],
    ['viewer', 'workspace:read', true],
    ['auditor', 'audits:perform', true],
    ['analyst', 'child-data:import', true],
    ['auditor', 'child-data:export', false],
  ]
  for (const [role, permission, expected] of table) {
    it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
      assert.equal(can(role as (typeof ROLES)[number], permission), expected)
    })
  }
  it('never lets a viewer touch child-level data', () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      if (permission.startsWith('child-data')) assert.equal(can('viewer', permission), false)
    }
  })
})

describe('sign-in throttling', () => {
  it('allows up to the limits and refuses at them', () => {
    assert.deepEqual(decideSignIn({ forAccount: THROTTLE_RULES.maxFailuresPerAccount - 1, fromAddress: 0 }), {
      allowed: true,
    })
    assert.equal(decideSignIn({ forAccount: THROTTLE_RULES.maxFailuresPerAccount, fromAddress: 0 }).allowed, false)
    assert.equal(decideSignIn({ forAccount: 0, fromAddress: THROTTLE_RULES.maxFailuresPerAddress }).allowed, false)
  })
  it('is monotonic: more failures never turn a refusal into an allowance (property)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(10), fc.nat(10), (account, address, extraA, extraB) => {
        if (!decideSignIn({ forAccount: account, fromAddress: address }).allowed) {
          assert.equal(decideSignIn({ forAccount: account + extraA, fromAddress: address + extraB }).allowed, false)
        }
      }),
    )
  })
})

describe('password policy', () => {
  const table: [string, string | undefined, RegExp | undefined][] = [
    ['short', undefined, /12 characters/],
    ['aaaaaaaaaaaaaaaa', undefined, /too easy/],
    ['Password1234', undefined, /too common/],
    ['correct horse battery staple', undefined, undefined],
    ['my name is jordan.smith!', 'jordan.smith@example.test', /email/],
    ['a'.repeat(300), undefined, /256 characters or fewer/],
  ]
  for (const [password, email, problem] of table) {
    it(`${problem ? 'refuses' : 'accepts'} ${password.slice(0, 20)}`, () => {
      const found = passwordProblem(password, email ? { email } : {})
      if (problem) assert.match(found ?? '', problem)
      else assert.equal(found, undefined)
    })
  }
})
