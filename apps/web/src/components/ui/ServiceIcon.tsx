import { ThemeIcon } from '@mantine/core';
import type { ServiceDefinition } from '../../config/services';

/** A service's icon in its colour, decorative (the service's name is always next to it). */
export function ServiceIcon({ service, size = 48 }: { service: ServiceDefinition; size?: number }) {
  const Icon = service.icon;
  return (
    <ThemeIcon color={service.color} variant="light" size={size} radius="md" aria-hidden>
      <Icon size={size * 0.58} stroke={1.8} />
    </ThemeIcon>
  );
}
