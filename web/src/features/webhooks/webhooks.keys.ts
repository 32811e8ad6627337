// The query keys of the webhook settings, from one factory (a write invalidates `all` or a branch).
export const webhookKeys = {
  all: ['webhooks'] as const,
  events: () => [...webhookKeys.all, 'events'] as const,
  endpoints: () => [...webhookKeys.all, 'endpoints'] as const,
  log: (endpointId: string) => [...webhookKeys.all, 'log', endpointId] as const,
};
