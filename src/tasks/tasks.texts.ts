// Texts of the mails the tasks domain sends to staff, in German and English.
export type TaskLocale = 'de' | 'en';

export type OverdueMailVars = { name: string; title: string; dueAt: string; priority: string; link: string };

export const taskTexts = {
  de: {
    overdueSubject: (v: OverdueMailVars) => `Überfällige Aufgabe: ${v.title}`,
    overdueBody: (v: OverdueMailVars) =>
      `Hallo ${v.name},\n\ndie folgende Aufgabe ist überfällig:\n\n${v.title}\nFällig seit: ${v.dueAt} (UTC)\nPriorität: ${v.priority}\n\n${v.link}\n\nStammkunde`,
    priority: { low: 'niedrig', normal: 'normal', high: 'hoch', urgent: 'dringend' } as Record<
      string,
      string
    >,
  },
  en: {
    overdueSubject: (v: OverdueMailVars) => `Overdue task: ${v.title}`,
    overdueBody: (v: OverdueMailVars) =>
      `Hello ${v.name},\n\nthe following task is overdue:\n\n${v.title}\nDue since: ${v.dueAt} (UTC)\nPriority: ${v.priority}\n\n${v.link}\n\nStammkunde`,
    priority: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' } as Record<string, string>,
  },
} as const;

export function textsFor(locale: string) {
  return locale === 'en' ? taskTexts.en : taskTexts.de;
}
