import type { z } from 'zod';
import { GivreError } from '../platform/errors.ts';

/** A field error: 400 GIVRE_ERR_INVALID_FIELD naming the field (`weightKg`, `recipient.id`) for a form to show beside it. */
export function fieldError(field: string, message: string): GivreError {
  return new GivreError('GIVRE_ERR_INVALID_FIELD', `${field}: ${message}`, field);
}

/** Parses a request body of a form; the first issue becomes a field error. */
export function parseFields<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw fieldError(issue?.path.join('.') || 'body', issue?.message ?? 'invalid');
}
