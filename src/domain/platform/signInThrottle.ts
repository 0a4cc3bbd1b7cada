/**
 * Sign-in throttling: slows password guessing against one account and from one address, without
 * letting an attacker lock a person out for long. Failures count within a sliding window.
 */
export const THROTTLE_RULES = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const

export interface RecentFailures {
  forAccount: number
  fromAddress: number
}

export type ThrottleDecision =
  { allowed: true } | { allowed: false; reason: 'account' | 'address'; retryAfterMinutes: number }

export function decideSignIn(failures: RecentFailures, rules = THROTTLE_RULES): ThrottleDecision {
  if (failures.forAccount >= rules.maxFailuresPerAccount) {
    return { allowed: false, reason: 'account', retryAfterMinutes: rules.windowMinutes }
  }
  if (failures.fromAddress >= rules.maxFailuresPerAddress) {
    return { allowed: false, reason: 'address', retryAfterMinutes: rules.windowMinutes }
  }
  return { allowed: true }
}
