import { TEXT } from '../text/catalogue.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';

/**
 * The frame of an admin page section: a `<section>` named by its heading, and a status line
 * a screen reader announces, where what was done or what failed is said; its list drawn on
 * arrival and again after each change it makes.
 */
export function adminSection(lang: Lang, id: string, title: string) {
  const section = el('section', { className: 'admin-section', testId: id });
  const heading = Object.assign(el('h2', {}, title), { id: `${id}-title` });
  section.setAttribute('aria-labelledby', heading.id);
  const message = el('p', { testId: `${id}-message` });
  message.setAttribute('role', 'status');
  section.append(heading, message);
  const fail = (err: Error) => (message.textContent = `${TEXT[lang].admin.failed} : ${err.message}`);
  /** Draws the section's list now; the function returned draws it again after a change, and says so. */
  const drawn = (draw: () => Promise<void>, changed: () => void) => {
    void draw().catch(fail);
    return () => {
      void draw().catch(fail);
      changed();
    };
  };
  return { section, message, fail, drawn };
}
