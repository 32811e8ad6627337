// The query keys of settings and of the directories administered there (users, teams, touchpoints,
// root causes, survey definitions), from one factory. A settings object edited as a form and in the
// JSON editor shares `object(path)`, so a save in either shows in both.
export const settingsKeys = {
  all: ['settings'] as const,
  object: (path: string) => [...settingsKeys.all, 'object', path] as const,
  catalogue: (listPath: string) => [...settingsKeys.all, 'catalogue', listPath] as const,
  tiers: () => [...settingsKeys.all, 'tiers'] as const,
  metrics: () => [...settingsKeys.all, 'metrics'] as const,
  users: () => [...settingsKeys.all, 'users'] as const,
  teams: () => [...settingsKeys.all, 'teams'] as const,
  touchpoints: () => [...settingsKeys.all, 'touchpoints'] as const,
  rootCauses: () => [...settingsKeys.all, 'root-causes'] as const,
  surveyDefinitions: () => [...settingsKeys.all, 'survey-definitions'] as const,
};
