// The resolution: apology, root cause (category + analysis) and the preventive action.
import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Section } from '../../components/bits';
import type { Case } from '../../lib/types';
import { useCaseAction, useRootCauses } from './cases.api';

export function ResolutionSection({ c, editable }: { c: Case; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const causes = useRootCauses();
  const save = useCaseAction<Record<string, unknown>>(c.id, 'PATCH', () => '');
  const initial = () => ({
    apology: c.apology ?? '',
    rootCauseCode: c.rootCauseCode ?? '',
    rootCauseAnalysis: c.rootCauseAnalysis ?? '',
    preventiveAction: c.preventiveAction ?? '',
  });
  const [form, setForm] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the saved case changes
  useEffect(() => setForm(initial()), [c.updatedAt]);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const orNull = (s: string) => (s.trim() ? s : null);
    save.mutate({
      apology: orNull(form.apology),
      rootCauseCode: orNull(form.rootCauseCode),
      rootCauseAnalysis: orNull(form.rootCauseAnalysis),
      preventiveAction: orNull(form.preventiveAction),
    });
  };
  return (
    <Section title={t('cases.resolution.title')} id="sec-resolution">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Textarea
            label={t('cases.resolution.apology')}
            value={form.apology}
            onChange={set('apology')}
            autosize
            minRows={2}
            readOnly={!editable}
            error={fieldError(save.error, 'apology')}
          />
          <NativeSelect
            label={t('cases.rootCause')}
            value={form.rootCauseCode}
            onChange={set('rootCauseCode')}
            disabled={!editable}
            data={[
              { value: '', label: '–' },
              ...(causes.data?.items ?? [])
                .filter((x) => x.active || x.code === c.rootCauseCode)
                .map((x) => ({ value: x.code, label: i18n.language === 'en' ? x.name.en : x.name.de })),
            ]}
            error={fieldError(save.error, 'rootCauseCode')}
          />
          <Textarea
            label={t('cases.resolution.analysis')}
            value={form.rootCauseAnalysis}
            onChange={set('rootCauseAnalysis')}
            autosize
            minRows={2}
            readOnly={!editable}
            error={fieldError(save.error, 'rootCauseAnalysis')}
          />
          <Textarea
            label={t('cases.resolution.preventiveAction')}
            value={form.preventiveAction}
            onChange={set('preventiveAction')}
            autosize
            minRows={2}
            readOnly={!editable}
            error={fieldError(save.error, 'preventiveAction')}
          />
          {save.error && <ErrorAlert error={save.error} />}
          {editable && (
            <Group>
              <Button type="submit" size="xs" variant="default" loading={save.isPending}>
                {t('cases.resolution.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}
