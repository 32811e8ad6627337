// The Monday-morning digest as a manager receives it: the server's own HTML in a sandboxed iframe
// (srcdoc, no scripts, inline images as data: URLs), the plain-text part, and "send now" for admins.
import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/bits';
import { type DigestPreview, useDigestPreview, useSendDigest } from './retention.api';

/** The mail's HTML with its `cid:` images replaced by data: URLs, for a preview without a mail client. */
export function inlineImages(d: DigestPreview): string {
  let html = d.html;
  for (const img of d.images) {
    html = html.split(`cid:${img.cid}`).join(`data:${img.contentType};base64,${img.contentBase64}`);
  }
  return html;
}

export default function DigestSection({ canSend }: { canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const [locale, setLocale] = useState<'de' | 'en'>(i18n.language === 'en' ? 'en' : 'de');
  const preview = useDigestPreview(locale);
  const send = useSendDigest();
  const [showText, setShowText] = useState(false);
  const srcDoc = useMemo(() => (preview.data ? inlineImages(preview.data) : ''), [preview.data]);
  return (
    <Stack>
      <Text size="sm">{t('retention.digest.intro')}</Text>
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <div>
          <Text size="sm" fw={500} id="digest-lang-label">
            {t('retention.digest.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="digest-lang-label"
            value={locale}
            onChange={(v) => setLocale(v as 'de' | 'en')}
            data={[
              { value: 'de', label: t('retention.digest.de') },
              { value: 'en', label: t('retention.digest.en') },
            ]}
          />
        </div>
        {canSend && (
          <Button onClick={() => send.mutate()} loading={send.isPending}>
            {t('retention.digest.send')}
          </Button>
        )}
      </Group>
      {send.data && (
        <Text size="sm" role="status" data-testid="digest-sent">
          {t('retention.digest.sent', {
            // "2026-W10" is for machines: the reader sees "KW 10/2026" / "week 10, 2026".
            weekLabel: t('retention.digest.weekLabel', {
              week: Number(send.data.week.split('-W')[1]),
              year: send.data.week.split('-W')[0],
            }),
            sent: send.data.sent,
            already: send.data.alreadySent,
          })}
        </Text>
      )}
      {send.error && <ErrorAlert error={send.error} />}
      <QueryState query={preview}>
        {() => (
          <Card withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {t('retention.digest.subject')}
            </Text>
            <Title order={2} size="h5" className="sk-pre" data-testid="digest-subject">
              {preview.data!.subject}
            </Title>
            <iframe
              title={t('retention.digest.frameTitle')}
              sandbox=""
              srcDoc={srcDoc}
              data-testid="digest-frame"
              style={{
                width: '100%',
                height: '75vh',
                minHeight: 480,
                border: '1px solid var(--mantine-color-gray-3)',
                marginTop: 8,
              }}
            />
            <Button
              variant="subtle"
              size="xs"
              mt="xs"
              onClick={() => setShowText((s) => !s)}
              aria-expanded={showText}
            >
              {t(showText ? 'retention.digest.hideText' : 'retention.digest.showText')}
            </Button>
            {showText && (
              <pre className="sk-pre" style={{ fontSize: 12 }} data-testid="digest-text">
                {preview.data!.text}
              </pre>
            )}
          </Card>
        )}
      </QueryState>
    </Stack>
  );
}
