import { newUserSchema } from '../../../../services/platform/userService.js'

/** The form asks for exactly what the service needs; the service validates again. */
export const newUserFormSchema = newUserSchema
