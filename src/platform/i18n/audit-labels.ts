// Audit action labels: `audit.<entityType>.<action>` in the namespace of the domain that writes the
// entry ("case.escalate" → "Fall eskaliert" / "Case escalated"), else the generic word for the
// action, else the raw key. Worded when the trail is read, so the stored entry stays a key.
import { hasText, registeredNamespaces, t } from './i18n.js';

export function auditLabel(lang: string, entityType: string, action: string): string {
  for (const ns of registeredNamespaces().keys()) {
    const key = `${ns}:audit.${entityType}.${action}`;
    if (hasText(key)) return t(lang, key);
  }
  if (hasText(`platform:audit.${action}`)) return t(lang, `platform:audit.${action}`);
  return `${entityType}.${action}`;
}

/** Audit entries with their label in the reader's language (where the trail is read). */
export function withAuditLabels<E extends { entityType: string; action: string }>(
  entries: E[],
  lang: string,
): Array<E & { label: string }> {
  return entries.map((e) => ({ ...e, label: auditLabel(lang, e.entityType, e.action) }));
}
