import path from 'node:path'
import { z } from 'zod'

/**
 * Configuration is read once, validated, and refuses insecure defaults in production
 * (fail fast: a missing secret stops the start, it never falls back silently).
 */
export interface Config {
  env: 'development' | 'test' | 'production'
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  sessionSecret: string
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  secureCookies: boolean
  trustProxy: boolean
  seedDemo: boolean
  logLevel: 'silent' | 'info'
}

const DEV_SESSION_SECRET = 'development-only-session-secret-not-for-production'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  READINESS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(10),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  READINESS_DEMO: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['silent', 'info']).default('info'),
})

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(blankToUndefined(env))
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  }
  const values = parsed.data
  const production = values.NODE_ENV === 'production'
  if (production && !values.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required in production (at least 32 random characters).')
  }
  if (production && values.READINESS_DEMO === 'true') {
    throw new ConfigError('READINESS_DEMO=true is refused in production: demo accounts must never exist there.')
  }
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.READINESS_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    sessionSecret: values.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.SESSION_ABSOLUTE_HOURS,
    secureCookies: values.SECURE_COOKIES ? values.SECURE_COOKIES === 'true' : production,
    trustProxy: values.TRUST_PROXY === 'true',
    seedDemo: production ? false : values.READINESS_DEMO !== 'false',
    logLevel: values.LOG_LEVEL,
  }
}

function blankToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]))
}
