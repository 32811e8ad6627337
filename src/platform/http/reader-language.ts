// The reader's language of a request (Accept-Language, which the web app sets to its UI language,
// else the user's profile) and validation messages in it: Zod's own wording of an issue (too small,
// required, invalid option …) is rendered again with Zod's German locale when the request asks for
// German. Messages we wrote ourselves in a schema stay as they are.
import { z } from 'zod';

export type MessageLang = 'de' | 'en';

const zodLocales = { de: z.locales.de(), en: z.locales.en() };

/** 'de' when the request's first language is German, else 'en' (API clients get English). */
export function requestLang(acceptLanguage: string | string[] | undefined): MessageLang {
  const first = (Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage)?.split(',')[0];
  return first?.trim().toLowerCase().startsWith('de') ? 'de' : 'en';
}

type Issue = { code: string; message: string; [k: string]: unknown };

function render(lang: MessageLang, issue: Issue): string | undefined {
  const out = zodLocales[lang].localeError(issue as never);
  return typeof out === 'string' ? out : out?.message;
}

/** The issue's message in `lang`; unchanged for English and for messages a schema wrote itself. */
export function localizeIssueMessage(issue: Issue, lang: MessageLang): string {
  if (lang === 'en') return issue.message;
  const en = render('en', issue);
  const de = render('de', issue);
  if (!de) return issue.message;
  if (en === issue.message) return de;
  // "expected string, received number": the received type came from the input, which the issue no
  // longer carries; keep the rest of Zod's wording and carry the received type over.
  const received = /received (\S+)$/.exec(issue.message);
  if (
    issue.code === 'invalid_type' &&
    received &&
    en?.replace(/received \S+$/, '') === issue.message.replace(/received \S+$/, '')
  )
    return de.replace(/erhalten \S+$/, `erhalten ${received[1]}`);
  return issue.message;
}

/**
 * The language to word server-made texts in for this request: the one the client asks for
 * (the web app sends its UI language), else the signed-in user's, else German.
 */
export function readerLanguage(req: {
  headers: { 'accept-language'?: string | string[] };
  ctx(): { actor: { kind: string; locale?: string } };
}): MessageLang {
  if (req.headers['accept-language']) return requestLang(req.headers['accept-language']);
  const actor = req.ctx().actor;
  return actor.kind === 'user' && actor.locale === 'en' ? 'en' : 'de';
}
