// Load, edit and save one settings object as a form: a draft copy of the stored settings, a save that
// puts the whole object and stores the server's answer, and a reset to what is stored.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiGet, apiPut } from '../../lib/api';
import { settingsKeys } from './settings.keys';

export function useSettingsDraft<T>(path: string, onError?: (err: Error) => void) {
  const qc = useQueryClient();
  /** Shared with the JSON editor's cache key, so a save in either shows in both. */
  const queryKey = settingsKeys.object(path);
  const query = useQuery({ queryKey, queryFn: () => apiGet<T>(path) });
  const [draft, setDraft] = useState<T | null>(null);
  useEffect(() => {
    if (query.data) setDraft(structuredClone(query.data));
  }, [query.data]);
  const save = useMutation({
    mutationFn: (body: T) => apiPut<T>(path, body),
    onSuccess: (data) => qc.setQueryData(queryKey, data),
    onError,
  });
  /** Back to the stored settings, without the last save's errors. */
  const reset = () => {
    setDraft(structuredClone(query.data!));
    save.reset();
  };
  return { query, draft, setDraft, save, reset };
}
