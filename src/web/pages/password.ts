import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '../../domain/people/password.ts';
import type { PageContext } from '../context.ts';

/**
 * The password rule's problems (domain/people/password.ts decides them) in the page's language.
 * The domain names each problem in English; this maps each to its message, and shows an unknown
 * one as written rather than hiding it.
 */
export function passwordMessages(page: PageContext, password: string, email: string | undefined): string[] {
  return passwordProblems(password, { email }).map((problem) => {
    if (problem.startsWith('must be at least')) return page.t('password.tooShort', { min: PASSWORD_MIN_LENGTH });
    if (problem.startsWith('must be at most')) return page.t('password.tooLong', { max: PASSWORD_MAX_LENGTH });
    if (problem.startsWith('must not repeat')) return page.t('password.repeated');
    if (problem.startsWith('must not be your e-mail')) return page.t('password.isEmail');
    return problem;
  });
}

export { PASSWORD_MIN_LENGTH };
