// Field messages of problem details (`errors[].message`) in the reader's language. A message is
// worded by its key when the error carries one; otherwise a message written in English that a
// namespace lists under `fieldErrors` (en.json) is looked up by its English text and worded in the
// reader's language. Anything else (Zod's own wording is localised before) stays as written.
import { registeredNamespaces, t } from './i18n.js';

let byEnglish: Map<string, string> | null = null;
let seen = 0;

/** English text → 'ns:fieldErrors.key', rebuilt when a namespace was registered since. */
function index(): Map<string, string> {
  const namespaces = registeredNamespaces();
  if (byEnglish && seen === namespaces.size) return byEnglish;
  byEnglish = new Map();
  for (const [ns, b] of namespaces) {
    const tree = b.en.fieldErrors;
    if (!tree || typeof tree === 'string') continue;
    for (const [key, text] of Object.entries(tree))
      if (typeof text === 'string') byEnglish.set(text, `${ns}:fieldErrors.${key}`);
  }
  seen = namespaces.size;
  return byEnglish;
}

export type LocalizableFieldError = {
  path: string;
  message: string;
  key?: string;
  params?: Record<string, unknown>;
};

/** The field error's message in `lang` (the key and parameters are not sent on). */
export function localizeFieldError(
  e: LocalizableFieldError,
  lang: string,
): { path: string; message: string } {
  if (e.key) return { path: e.path, message: t(lang, e.key, e.params) };
  const key = index().get(e.message);
  return { path: e.path, message: key ? t(lang, key) : e.message };
}
