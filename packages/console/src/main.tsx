import { render } from 'preact';
import { USE_CASE_PATHS } from '@quai/contracts/catalog';
import { Api } from './api.js';
import { App } from './App.js';
import { storedLang } from './i18n.js';
import './style.css';

const root = document.getElementById('app');
if (root !== null) render(<App api={new Api(USE_CASE_PATHS)} lang={storedLang()} />, root);
