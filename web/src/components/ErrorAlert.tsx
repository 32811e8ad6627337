// Shows a failed request: a translated message for known error codes, else the server's words.
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';

/** The message for an error: the translation of its code when there is one, else its detail. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      const key = `errors.${err.code}`;
      if (i18n.exists(key)) return t(key);
      return err.detail || err.title || t('errors.unknown');
    }
    return err instanceof Error ? err.message : t('errors.unknown');
  };
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const fieldErrors = error instanceof ApiError ? error.errors : [];
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert color="red" role="alert" title={title ?? t('errors.title')} data-error-code={code}>
      {message(error)}
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs">
          {fieldErrors.map((e) => (
            <List.Item key={e.path + e.message}>
              {code === 'CASE_INCOMPLETE' ? e.message : `${e.path}: ${e.message}`}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The field's error from a failed mutation, for an input's `error` prop. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}

/** A notice that a part of the product is not available on this server yet (its API is missing). */
export function isRouteMissing(error: unknown): boolean {
  return error instanceof ApiError && error.routeMissing;
}
