import type { TFunction } from 'i18next';
import type { RuleProblem } from './account-rules';

export type FieldErrors = Partial<Record<string, string>>;

/** The first broken rule, worded in the current language; undefined when all pass. */
export const firstProblem = (t: TFunction, problems: RuleProblem[]): string | undefined => {
  const problem = problems[0];
  return problem ? t(`validation.${problem.key}`, problem.params ?? {}) : undefined;
};

/** All broken rules as one sentence list (passwords show every missing ingredient at once). */
export const allProblems = (t: TFunction, problems: RuleProblem[]): string | undefined =>
  problems.length > 0
    ? problems.map((problem) => t(`validation.${problem.key}`, problem.params ?? {})).join(' ')
    : undefined;

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean);
