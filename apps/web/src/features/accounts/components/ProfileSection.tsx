import type { User } from '@dongne/contracts';
import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError, fieldErrorsOf } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';
import { formatPhone, nicknameProblems, normaliseNickname, normalisePhone } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { firstProblem, hasErrors, type FieldErrors } from '../form-errors';
import { SectionCard } from './SectionCard';

const INTRODUCTION_MAX = 500;

export function ProfileSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [nickname, setNickname] = useState(user.nickname);
  const [introduction, setIntroduction] = useState(user.introduction);
  const [phone, setPhone] = useState(user.phone ? formatPhone(user.phone) : '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: accountsApi.updateProfile,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.me, updated);
      notifications.show({ color: 'teal', message: t('account.profile.saved') });
    },
    onError: (error) => setErrors(fieldErrorsOf(error, i18n)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalisedNickname = normaliseNickname(nickname);
    const trimmedPhone = phone.trim();
    const phoneDigits = trimmedPhone ? normalisePhone(trimmedPhone) : null;
    const found: FieldErrors = {
      nickname: firstProblem(t, nicknameProblems(normalisedNickname)),
      phone: phoneDigits === undefined ? t('validation.phone.invalid') : undefined,
    };
    setErrors(found);
    if (hasErrors(found)) return;
    save.mutate({ nickname: normalisedNickname, introduction: introduction.trim(), phone: phoneDigits ?? null });
  };

  const formError =
    save.error && !hasErrors(fieldErrorsOf(save.error, i18n)) ? describeError(save.error, i18n) : undefined;

  return (
    <SectionCard id="account-profile" title={t('account.profile.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert message={formError} />
          <TextInput
            label={t('auth.nickname')}
            description={t('auth.signup.nicknameHint')}
            required
            value={nickname}
            onChange={(event) => setNickname(event.currentTarget.value)}
            error={errors.nickname}
          />
          <Textarea
            label={t('account.profile.introduction')}
            placeholder={t('account.profile.introductionPlaceholder')}
            autosize
            minRows={3}
            maxLength={INTRODUCTION_MAX}
            value={introduction}
            onChange={(event) => setIntroduction(event.currentTarget.value)}
            error={errors.introduction}
          />
          <TextInput
            label={t('account.profile.phone')}
            description={t('account.profile.phoneHint')}
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={errors.phone}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('account.profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
