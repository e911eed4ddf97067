import { defineMessages } from './index.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

/** The catalogue of the common pages (layout, errors, sign-in, invitation, profile, home). */
export const core = defineMessages('core', en, fr);
export type { CoreKey } from './en.ts';
