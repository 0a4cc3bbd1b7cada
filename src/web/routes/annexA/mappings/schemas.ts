export { valueMappingSchema } from '../../../../services/annex-a/index.js'

export const VALUE_MAPPING_FIELDS = ['list', 'column', 'from', 'to'] as const
