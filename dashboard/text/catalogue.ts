import { EN } from './en.ts';
import { FR, type Catalogue } from './fr.ts';
import { NL } from './nl.ts';
import type { Lang } from './lang.ts';

/** Every string Givre shows, by language (issue 12): pages and certificates read them here. */
export const TEXT: Readonly<Record<Lang, Catalogue>> = { fr: FR, en: EN, nl: NL };
