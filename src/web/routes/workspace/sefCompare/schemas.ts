import { z } from 'zod'

const versionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, 'Select a version from the list')
  .transform(Number)
  .optional()

export const compareQuerySchema = z.object({ from: versionNumber, to: versionNumber })
