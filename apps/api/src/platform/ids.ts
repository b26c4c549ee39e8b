import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7) keep primary-key indexes append-only and make ids sortable by creation. */
export const newId = (): string => v7();
