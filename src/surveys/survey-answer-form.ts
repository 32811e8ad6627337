// Checks the public page's answer form against its survey: score in the scale's range, a known
// reason, a comment of at most 4,000 characters, and not completely empty.
import type { PublicSurvey } from './survey-tokens.service.js';
import { SCALE_RANGE } from './surveys.schema.js';
import { texts } from './texts/index.js';

export type AnswerForm = { score?: unknown; reason?: unknown; comment?: unknown };
export type CleanAnswer = { score: number | null; reason: string | null; comment: string | null };
type FieldError = { path: string; message: string };

/** A form field as trimmed text (a repeated field counts with its first value). */
const field = (v: unknown) =>
  typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '';

/**
 * Validates an answer form against the survey; returns the clean answer or the fields at fault
 * (by field name, with the message in the customer's language).
 */
export function validateAnswerForm(
  survey: PublicSurvey,
  form: AnswerForm,
): ({ ok: true } & CleanAnswer) | { ok: false; errors: FieldError[] } {
  const t = texts(survey.locale);
  const errors: FieldError[] = [];
  const rawScore = field(form.score);
  const rawReason = field(form.reason);
  const rawComment = field(form.comment).replace(/\r\n/g, '\n');
  let score: number | null = null;
  const range = SCALE_RANGE[survey.scale];
  if (rawScore !== '') {
    const n = Number(rawScore);
    if (!range || !/^\d{1,2}$/.test(rawScore) || n < range[0] || n > range[1])
      errors.push({ path: 'score', message: t.page.errorScore });
    else score = n;
  }
  let reason: string | null = null;
  if (rawReason !== '') {
    if (!survey.reasons.some((r) => r.code === rawReason))
      errors.push({ path: 'reason', message: t.page.errorReason });
    else reason = rawReason;
  }
  if (rawComment.length > 4000) errors.push({ path: 'comment', message: t.page.errorComment });
  const comment = rawComment === '' ? null : rawComment;
  if (errors.length === 0 && score === null && reason === null && comment === null) {
    errors.push(
      range ? { path: 'score', message: t.page.errorScore } : { path: 'reason', message: t.page.errorReason },
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, score, reason, comment };
}
