// The query keys of survey results shown outside the settings, from one factory.
export const surveyKeys = {
  all: ['surveys'] as const,
  praise: (p: { from?: string; to?: string; limit: number }) => [...surveyKeys.all, 'praise', p] as const,
};
