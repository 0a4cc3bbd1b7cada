export { newSefSchema as newSefFormSchema } from '../../../../services/workspace/sefService.js'
export const NEW_SEF_FIELDS = ['title', 'frameworkId'] as const
