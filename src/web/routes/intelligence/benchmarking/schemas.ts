import { z } from 'zod'
import { DFE_INDICATORS } from '../../../../domain/intelligence/index.js'

const INDICATOR_IDS = DFE_INDICATORS.map(indicator => indicator.id) as [string, ...string[]]

export const benchmarkQuerySchema = z.object({
  indicator: z.enum(INDICATOR_IDS, { message: 'Select an indicator from the list' }).optional(),
  snModel: z.enum(['2025', '2021'], { message: 'Select the 2025 or the 2021 statistical neighbour model' }).optional(),
  authority: z
    .string()
    .trim()
    .max(100, 'Authority must be 100 characters or fewer')
    .optional()
    .transform(value => value || undefined),
})
