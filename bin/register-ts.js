// Lets this process (or worker thread) import Givre's TypeScript sources (bin/ts-hooks.js).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./ts-hooks.js', import.meta.url);
