import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * Mantine's PasswordInput marks an error only with data-invalid on its inner input: screen
 * readers (and getByLabel-based tests) need aria-invalid, as every other Mantine input sets it.
 */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput aria-invalid={Boolean(props.error)} {...props} />;
}
