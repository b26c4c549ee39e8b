import { Box, TextInput, type BoxProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

/** The site-wide search form; results arrive with the search issue, the page exists already. */
export function SearchBox(props: BoxProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [query, setQuery] = useState(() => params.get('q') ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (q) void navigate(`/search?${new URLSearchParams({ q }).toString()}`);
  };

  return (
    <Box component="form" role="search" onSubmit={submit} {...props}>
      <TextInput
        type="search"
        aria-label={t('nav.search')}
        placeholder={t('nav.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        radius="xl"
      />
    </Box>
  );
}
