import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface NarrowPageProps {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
}

/** A centred card for single-task pages (log in, sign up, password reset, verification). */
export function NarrowPage({ title, lead, children }: NarrowPageProps) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={460} mx="auto" mt={{ base: 0, sm: 'lg' }}>
      <Stack gap="lg">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {title}
          </Title>
          {lead && <Text c="dimmed">{lead}</Text>}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
