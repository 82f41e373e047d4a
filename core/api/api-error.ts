import { z } from 'zod';

/** Every refusal the API sends (STYLE.md 7: a coded error, never a stack trace). */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The request field the refusal is about, when there is one (a form shows it beside that field). */
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
