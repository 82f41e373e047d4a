import { startAlertLog } from './alert-log-page.ts';
import { startMap } from './map-page.ts';
import { createPageChrome } from './page-chrome.ts';

/** Entry of the desk pages of issue 12, chosen by path: `/alerts` or `/map`. */
const chrome = createPageChrome();
if (location.pathname === '/map') startMap(chrome.main, chrome);
else startAlertLog(chrome.main, chrome);
