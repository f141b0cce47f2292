import { render } from 'preact';
import { USE_CASE_PATHS } from '@quai/contracts/catalog';
import { Api } from './api.js';
import { App } from './App.js';
import { loadTexts, storedLang } from './i18n.js';
import './style.css';

// The texts of the language the console opens in, before the first render (only that language).
const lang = storedLang();
await loadTexts(lang);
const root = document.getElementById('app');
if (root !== null) render(<App api={new Api(USE_CASE_PATHS)} lang={lang} />, root);
