// The catalog's English texts, loaded only when the console is shown in English. The build replaces
// this module with the texts themselves (packages/console/vite.config.ts): the bilingual catalog
// is not shipped; tests and `vite dev` take them from the catalog as written here.
import { MESSAGES } from '@quai/contracts/catalog';
import { textsOf } from './texts.js';

export default textsOf(MESSAGES, 'en');
