import type { PageContext, Viewer } from './context.ts';

/**
 * The links of the header's main navigation beyond "My contracts" and "My profile": each desk
 * registers its own when its module loads (`registerNav({...})` at the top level of its router
 * file), shown to the people it concerns. Links only: what a person may do is still checked by
 * every page (access.ts).
 */
export interface NavLink {
  href: string;
  /** The link's text, in the page's language. */
  label(page: PageContext): string;
  /** Whether to show it to this person (e.g. `(v) => v.isPlatformAdmin || v.role === 'admin'`). */
  show?(viewer: Viewer): boolean;
  /** Order in the bar (default 100; "My contracts" is 0, "My profile" 1000). */
  order?: number;
}

export const navLinks: NavLink[] = [];

export function registerNav(link: NavLink): void {
  if (navLinks.some((l) => l.href === link.href)) return;
  navLinks.push(link);
  navLinks.sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}
