import { IconCalendarTime, IconPackage, IconSchool, IconToolsKitchen2, type Icon } from '@tabler/icons-react';

export type ServiceKey = 'spaces' | 'rentals' | 'groupOrders' | 'courses';

export interface ServiceDefinition {
  key: ServiceKey;
  /** Top-level path of the service. */
  path: string;
  /** Mantine colour of the service's accents. */
  color: string;
  icon: Icon;
}

/** The four services, in the order they appear everywhere (top bar, tab bar, home cards). */
export const SERVICES: readonly ServiceDefinition[] = [
  { key: 'spaces', path: '/spaces', color: 'blue', icon: IconCalendarTime },
  { key: 'rentals', path: '/rentals', color: 'teal', icon: IconPackage },
  { key: 'groupOrders', path: '/group-orders', color: 'dongne', icon: IconToolsKitchen2 },
  { key: 'courses', path: '/courses', color: 'grape', icon: IconSchool },
];

export const serviceByKey = (key: ServiceKey): ServiceDefinition => {
  const service = SERVICES.find((candidate) => candidate.key === key);
  if (!service) throw new Error(`unknown service ${key}`);
  return service;
};
