// The personal API tokens of the signed-in user: list, create (the secret is shown once), revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { apiTokenSchema } from '../../../../src/platform/auth/auth.schema.js';
import { apiDelete, apiGet, apiPost } from '../../lib/api';

export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedToken = { id: string; name: string; token: string; createdAt: string; expiresAt: string };

export const accountKeys = {
  all: ['account'] as const,
  tokens: () => [...accountKeys.all, 'tokens'] as const,
};

export function useMyTokens() {
  return useQuery({
    queryKey: accountKeys.tokens(),
    queryFn: () => apiGet<{ items: ApiToken[] }>('/auth/tokens'),
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays: number }) =>
      apiPost<CreatedToken>('/auth/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.tokens() }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<void>(`/auth/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.tokens() }),
  });
}
