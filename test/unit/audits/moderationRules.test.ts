import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  acknowledgementAccess,
  acknowledgementProblem,
  concernManagerNameProblem,
  concernManagerProblem,
  concernRaiseAccess,
  moderationAccess,
  moderationResultVisible,
  moderatorAssignmentProblems,
} from '../../../src/domain/audits/moderation.js'
import { ROLES, type Role } from '../../../src/domain/platform/roles.js'

const person = (userId: string, role: Role, disabled = false) => ({ userId, role, disabled })

describe('who may moderate an audit', () => {
  const audit = { auditorUserId: 'first', moderatorUserId: 'second' }
  it('never its own auditor, whatever their role', () => {
    for (const role of ROLES) assert.equal(moderationAccess({ userId: 'first', role }, audit), 'own-audit', role)
    // Even if (by some earlier mistake) they were named as its moderator.
    assert.equal(
      moderationAccess({ userId: 'first', role: 'auditor' }, { auditorUserId: 'first', moderatorUserId: 'first' }),
      'own-audit',
    )
  })
  it('leads and administrators any other audit, assigned or not', () => {
    assert.equal(moderationAccess({ userId: 'lead', role: 'lead' }, audit), 'lead')
    assert.equal(moderationAccess({ userId: 'admin', role: 'admin' }, { ...audit, moderatorUserId: null }), 'lead')
  })
  it('an auditor only the audit a lead asked them to moderate', () => {
    assert.equal(moderationAccess({ userId: 'second', role: 'auditor' }, audit), 'assigned')
    assert.equal(moderationAccess({ userId: 'third', role: 'auditor' }, audit), 'not-assigned')
    assert.equal(
      moderationAccess({ userId: 'second', role: 'auditor' }, { ...audit, moderatorUserId: undefined }),
      'not-assigned',
    )
  })
  it('nobody whose role no longer audits, even if named', () => {
    for (const role of ['analyst', 'viewer'] as const)
      assert.equal(moderationAccess({ userId: 'second', role }, audit), 'not-assigned', role)
  })
})

describe('who may see a stored moderation’s result', () => {
  const moderated = { auditorUserId: 'first', moderatedByUserId: 'lead' }
  it('leads and administrators, the audit’s auditor, and whoever recorded it', () => {
    assert.equal(moderationResultVisible({ userId: 'other-lead', role: 'lead' }, moderated), true)
    assert.equal(moderationResultVisible({ userId: 'admin', role: 'admin' }, moderated), true)
    assert.equal(moderationResultVisible({ userId: 'first', role: 'auditor' }, moderated), true)
    assert.equal(
      moderationResultVisible({ userId: 'second', role: 'auditor' }, { ...moderated, moderatedByUserId: 'second' }),
      true,
    )
  })
  it('not a moderator who was asked but did not moderate, nor anyone else', () => {
    for (const role of ['auditor', 'analyst', 'viewer'] as const)
      assert.equal(moderationResultVisible({ userId: 'second', role }, moderated), false, role)
  })
})

describe('assigning a moderator', () => {
  const submitted = { auditorUserId: 'first', status: 'submitted', moderated: false }
  const base = { audit: submitted, dueOn: '2026-03-10', today: '2026-03-02' }
  it('accepts anyone who can audit but the auditor, for a submitted or signed-off audit', () => {
    for (const role of ['auditor', 'lead', 'admin'] as const)
      assert.deepEqual(moderatorAssignmentProblems({ ...base, candidate: person('second', role) }), {}, role)
    assert.deepEqual(
      moderatorAssignmentProblems({
        ...base,
        audit: { ...submitted, status: 'signed-off' },
        candidate: person('second', 'auditor'),
      }),
      {},
    )
    assert.deepEqual(
      moderatorAssignmentProblems({ ...base, dueOn: base.today, candidate: person('second', 'auditor') }),
      {},
      'due today is allowed',
    )
  })
  it('refuses the audit’s own auditor', () => {
    assert.deepEqual(moderatorAssignmentProblems({ ...base, candidate: person('first', 'lead') }), {
      moderatorUserId: 'Select someone other than the auditor who carried out this audit',
    })
  })
  it('refuses people who cannot audit, disabled accounts and nobody', () => {
    for (const candidate of [
      person('second', 'analyst'),
      person('second', 'viewer'),
      person('second', 'auditor', true),
      { userId: 'second', role: 'superuser', disabled: false },
      undefined,
    ])
      assert.equal(
        moderatorAssignmentProblems({ ...base, candidate }).moderatorUserId,
        'Select someone in your organisation who can carry out audits',
        JSON.stringify(candidate),
      )
  })
  it('refuses an audit still in progress or already moderated, and a due date in the past, all at once', () => {
    assert.deepEqual(
      moderatorAssignmentProblems({
        audit: { ...submitted, status: 'assigned' },
        candidate: person('first', 'auditor'),
        dueOn: '2026-03-01',
        today: '2026-03-02',
      }),
      {
        status: 'This audit is still in progress: a moderator can be assigned once it is submitted',
        moderatorUserId: 'Select someone other than the auditor who carried out this audit',
        dueOn: 'The date the moderation is due must be today or in the future',
      },
    )
    // A year ahead at most (and so always inside the bank-holiday calendar the countdown needs).
    assert.deepEqual(
      moderatorAssignmentProblems({ ...base, dueOn: '2027-03-02', candidate: person('second', 'auditor') }),
      {},
    )
    assert.deepEqual(
      moderatorAssignmentProblems({ ...base, dueOn: '2027-03-03', candidate: person('second', 'auditor') }),
      { dueOn: 'The date the moderation is due must be within a year from today' },
    )
    assert.equal(
      moderatorAssignmentProblems({
        ...base,
        audit: { ...submitted, moderated: true },
        candidate: person('second', 'auditor'),
      }).status,
      'This audit has already been moderated',
    )
  })
})

describe('naming the manager told of a safeguarding concern', () => {
  it('accepts an active lead or administrator other than the person raising it', () => {
    assert.equal(concernManagerProblem(person('lead', 'lead'), 'auditor'), undefined)
    assert.equal(concernManagerProblem(person('admin', 'admin'), 'lead'), undefined)
    assert.equal(concernManagerProblem(person('lead', 'lead'), null), undefined, 'the command line names anyone')
  })
  it('refuses auditors, analysts, viewers, disabled accounts, nobody, and oneself', () => {
    for (const role of ['auditor', 'analyst', 'viewer'] as const)
      assert.equal(
        concernManagerProblem(person('x', role), 'auditor'),
        'Select a lead or administrator of your organisation',
      )
    assert.equal(
      concernManagerProblem(person('lead', 'lead', true), 'a'),
      'Select the manager you have told from the list',
    )
    assert.equal(concernManagerProblem(undefined, 'a'), 'Select the manager you have told from the list')
    assert.equal(concernManagerProblem(person('lead', 'lead'), 'lead'), 'Select a manager other than yourself')
  })
})

describe('naming a manager without an account', () => {
  it('needs a name of at most 200 characters, spaces aside', () => {
    assert.equal(concernManagerNameProblem('Jo Smith, team manager'), undefined)
    assert.equal(concernManagerNameProblem(`  ${'x'.repeat(200)}  `), undefined)
    assert.equal(concernManagerNameProblem('   '), 'Enter the name of the manager you told')
    assert.equal(concernManagerNameProblem('x'.repeat(201)), 'The manager’s name must be 200 characters or fewer')
  })
})

describe('raising a safeguarding concern', () => {
  const audit = { auditorUserId: 'first', moderatorUserId: 'second' }
  it('is for the auditor, any lead or administrator, and the assigned moderator', () => {
    assert.equal(concernRaiseAccess({ userId: 'first', role: 'auditor' }, audit), 'auditor')
    assert.equal(concernRaiseAccess({ userId: 'lead', role: 'lead' }, audit), 'lead')
    assert.equal(concernRaiseAccess({ userId: 'admin', role: 'admin' }, { ...audit, moderatorUserId: null }), 'lead')
    assert.equal(concernRaiseAccess({ userId: 'second', role: 'auditor' }, audit), 'moderator')
  })
  it('not another auditor, a replaced moderator, or someone whose role no longer audits', () => {
    assert.equal(concernRaiseAccess({ userId: 'third', role: 'auditor' }, audit), 'none')
    assert.equal(
      concernRaiseAccess({ userId: 'second', role: 'auditor' }, { ...audit, moderatorUserId: 'third' }),
      'none',
    )
    for (const role of ['analyst', 'viewer'] as const) {
      assert.equal(concernRaiseAccess({ userId: 'second', role }, audit), 'none', role)
      assert.equal(concernRaiseAccess({ userId: 'first', role }, audit), 'none', role)
    }
  })
})

describe('acknowledging a safeguarding concern', () => {
  const open = { raised: true, acknowledged: false, managerUserId: 'named', manager: person('named', 'lead') }
  it('is for the named manager', () => {
    assert.equal(acknowledgementAccess({ userId: 'named', role: 'lead' }, open), 'named')
    assert.equal(acknowledgementAccess({ userId: 'other', role: 'lead' }, open), 'not-named')
    assert.equal(acknowledgementAccess({ userId: 'other', role: 'admin' }, open), 'not-named')
    assert.equal(acknowledgementAccess({ userId: 'auditor', role: 'auditor' }, open), 'not-named')
  })
  it('lets any lead stand in when the named manager cannot act or there is no named account', () => {
    for (const manager of [person('named', 'lead', true), person('named', 'analyst'), undefined])
      assert.equal(
        acknowledgementAccess({ userId: 'other', role: 'lead' }, { ...open, manager }),
        'standing-in',
        JSON.stringify(manager),
      )
    // A manager without an account, or a concern from before managers were chosen from the organisation's people.
    const legacy = { ...open, managerUserId: null, manager: undefined }
    assert.equal(acknowledgementAccess({ userId: 'other', role: 'admin' }, legacy), 'standing-in')
    assert.equal(acknowledgementAccess({ userId: 'other', role: 'lead' }, legacy), 'standing-in')
    assert.equal(acknowledgementAccess({ userId: 'auditor', role: 'auditor' }, legacy), 'not-named')
  })
  it('once, and only when a concern was raised', () => {
    assert.equal(
      acknowledgementAccess({ userId: 'named', role: 'lead' }, { ...open, acknowledged: true }),
      'acknowledged',
    )
    assert.equal(acknowledgementAccess({ userId: 'named', role: 'lead' }, { ...open, raised: false }), 'no-concern')
  })
  it('needs a note of what was done, of sensible length', () => {
    assert.equal(acknowledgementProblem('   '), 'Enter what you have done about the concern')
    assert.equal(acknowledgementProblem('x'.repeat(2001)), 'Your note must be 2,000 characters or fewer')
    assert.equal(acknowledgementProblem(` ${'x'.repeat(2000)} `), undefined)
  })
})
