import { render } from 'preact';
import { USE_CASES, type UseCaseId } from '@quai/contracts';
import { Api } from './api.js';
import { App } from './App.js';
import { storedLang } from './i18n.js';
import './style.css';

const paths = Object.fromEntries(Object.entries(USE_CASES).map(([id, spec]) => [id, spec.path])) as Record<
  UseCaseId,
  string
>;
const root = document.getElementById('app');
if (root !== null) render(<App api={new Api(paths)} lang={storedLang()} />, root);
