// A bordered section of a retention screen with its heading (the section is labelled by it).
import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Panel({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md">
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}
