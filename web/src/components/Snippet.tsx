// A search snippet with the matched words (between « and ») highlighted; rendered as text, never HTML.
import { Text } from '@mantine/core';

export function Snippet({ text }: { text: string }) {
  const parts = text.split(/«|»/);
  return (
    <Text size="sm" className="sk-pre">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string; position is identity
        i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>,
      )}
    </Text>
  );
}
