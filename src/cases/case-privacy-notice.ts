// The privacy notice of the public complaint form (GDPR Art. 13): a text per language that an admin
// edits; until then the default wording of the locale files. Plain text; blank lines make paragraphs.
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { publicTexts } from './case-public.texts.js';

const KEY = 'cases.complaintPrivacyNotice';
const noticeText = z.string().trim().min(20).max(20_000);
export const privacyNoticeSchema = z.object({
  de: noticeText.describe('Shown on the German form'),
  en: noticeText.describe('Shown on the English form'),
});
export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

const defaults = (): PrivacyNotice => ({
  de: publicTexts('de').privacyDefault,
  en: publicTexts('en').privacyDefault,
});

/** The notice as shown on the form (the default wording where nothing is stored). */
export async function getPrivacyNotice(ctx: Ctx): Promise<PrivacyNotice> {
  return getSetting(ctx, KEY, privacyNoticeSchema, defaults());
}

/** Replaces the notice (both languages); validated and audited. */
export async function setPrivacyNotice(ctx: Ctx, notice: PrivacyNotice): Promise<PrivacyNotice> {
  return setSetting(ctx, KEY, privacyNoticeSchema, notice);
}
