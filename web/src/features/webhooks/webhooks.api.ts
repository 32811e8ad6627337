// Server calls of the webhook settings: the event catalogue, endpoints (the secret arrives only in
// the answer to create and rotate) and an endpoint's delivery log, paged.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attempt, Endpoint } from '../../../../src/webhooks/webhooks.schema.js';
import { apiDelete, apiGet, apiPatch, apiPost, type Page } from '../../lib/api';
import { webhookKeys } from './webhooks.keys';

export type { Attempt, Endpoint };
export type EndpointWithSecret = Endpoint & { secret: string };
export type CatalogueEvent = { name: string; description: string };

export const useWebhookEvents = () =>
  useQuery({
    queryKey: webhookKeys.events(),
    queryFn: () => apiGet<{ items: CatalogueEvent[] }>('/webhooks/events'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useEndpoints = () =>
  useQuery({
    queryKey: webhookKeys.endpoints(),
    queryFn: () => apiGet<Page<Endpoint>>('/webhooks/endpoints', { limit: 500 }),
  });

export const useDeliveryLog = (endpointId: string) =>
  useInfiniteQuery({
    queryKey: webhookKeys.log(endpointId),
    queryFn: ({ pageParam }) =>
      apiGet<Page<Attempt>>(`/webhooks/endpoints/${endpointId}/deliveries`, { limit: 25, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useEndpointMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: webhookKeys.endpoints() });
  return {
    create: useMutation({
      mutationFn: (body: { url: string; events: string[]; description: string }) =>
        apiPost<EndpointWithSecret>('/webhooks/endpoints', body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({
        id,
        patch,
      }: {
        id: string;
        patch: Partial<Pick<Endpoint, 'enabled' | 'events' | 'url'>>;
      }) => apiPatch<Endpoint>(`/webhooks/endpoints/${id}`, patch),
      onSuccess: refresh,
    }),
    rotate: useMutation({
      mutationFn: (id: string) => apiPost<EndpointWithSecret>(`/webhooks/endpoints/${id}/rotate-secret`, {}),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiDelete<void>(`/webhooks/endpoints/${id}`),
      onSuccess: refresh,
    }),
  };
}
