import { startAlertLog } from './alert-log-page.ts';
import { createDeskChrome } from './desk-chrome.ts';
import { startMap } from './map-page.ts';

/** Entry of the desk pages of issue 12 (desk.html), chosen by path: `/alerts` or `/map`. */
const main = document.querySelector<HTMLElement>('[data-testid="desk"]');
if (!main) throw new Error('desk.html lacks data-testid="desk"');
const chrome = createDeskChrome();
if (location.pathname === '/map') startMap(main, chrome);
else startAlertLog(main, chrome);
