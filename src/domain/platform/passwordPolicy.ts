/**
 * NCSC guidance: length over complexity rules, and refuse the passwords attackers try first.
 * https://www.ncsc.gov.uk/collection/passwords
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

const COMMON_PASSWORDS = new Set([
  'password1234',
  'password12345',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'administrator',
  'iloveyou1234',
  'qwerty123456',
  'abcdefghijkl',
])

export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'Password is too common: choose one that is harder to guess'
  if (new Set(password).size < 4) return 'Password is too easy to guess: use more different characters'
  const localPart = context.email?.split('@')[0]?.toLowerCase() ?? ''
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return 'Password must not contain your email address'
  }
  return undefined
}
