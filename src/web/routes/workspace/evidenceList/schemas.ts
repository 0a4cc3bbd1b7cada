import { z } from 'zod'

/** The search form is a GET: its answers come from the query string and are never trusted beyond these limits. */
export const SEARCH_FIELDS = ['search', 'tag', 'area', 'owner', 'documentType'] as const

export const searchQuerySchema = z.object({
  search: z.string().trim().max(200, 'Search must be 200 characters or fewer'),
  tag: z.string().trim().max(40),
  area: z.string().trim().max(150),
  owner: z.string().trim().max(200),
  documentType: z.string().trim().max(60),
})
