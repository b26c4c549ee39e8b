import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The shape shared by the 404 and error pages: a big code or icon, a title, a sentence, actions. */
export function StatusPage({
  mark,
  title,
  text,
  children,
}: {
  mark: ReactNode;
  title: string;
  text: string;
  children: ReactNode;
}) {
  return (
    <Stack align="center" ta="center" gap="md" py={48} maw={520} mx="auto">
      <Text fz={64} fw={800} c="dongne" lh={1} aria-hidden>
        {mark}
      </Text>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{text}</Text>
      {children}
    </Stack>
  );
}
