export { retentionSchema } from '../../../../services/annex-a/index.js'
