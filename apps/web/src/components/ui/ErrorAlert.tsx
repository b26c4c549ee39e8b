import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** A form-level error (what no single field explains), announced to screen readers. */
export function ErrorAlert({ message, title }: { message: string | undefined; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} icon={<IconAlertTriangle size={18} aria-hidden />}>
      {message}
    </Alert>
  );
}
