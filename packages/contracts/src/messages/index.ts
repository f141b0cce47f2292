/**
 * The catalog of every message Quai shows, in English and French. One file per domain, each
 * holding only ids that start with its prefix (`deploy.`, `backup.`, ...); this file joins them.
 * A test checks that both languages have the same placeholders and that no id is repeated.
 */
import {
  formatTemplate,
  resultTexts,
  type Bilingual,
  type Lang,
  type Message,
  type Param,
  type Placeholders,
} from '../i18n.js';
import { apiMessages } from './api.js';
import { auditMessages } from './audit.js';
import { auditCheckMessages } from './audit-checks.js';
import { auditFindingMessages } from './audit-findings.js';
import { auditExceptionMessages, consoleExceptionMessages } from './audit-exceptions.js';
import { consoleFaultMessages } from './console-faults.js';
import { appMessages } from './app.js';
import { backupMessages } from './backup.js';
import { capacityMessages } from './capacity.js';
import { cliMessages } from './cli.js';
import { clusterplanMessages } from './clusterplan.js';
import { commonMessages } from './common.js';
import { compareMessages } from './compare.js';
import { deployMessages } from './deploy.js';
import { devclusterMessages } from './devcluster.js';
import { kubeMessages } from './kube.js';
import { modelMessages } from './model.js';
import { observabilityMessages } from './observability.js';
import { vulndbMessages } from './vulndb.js';
import { onboardMessages } from './onboard.js';
import { viewMessages } from './view.js';
import { consoleMessages } from './console.js';
import { consoleOnboardMessages, consolePlanMessages } from './console-onboard.js';
import { consoleScheduleEditMessages } from './console-schedules.js';
import {
  consoleBackupChartMessages,
  consoleCapacityMessages,
  consoleChartMessages,
  consoleGlanceMessages,
  consoleSecurityMessages,
} from './console-insights.js';
import { gitlabMessages } from './gitlab.js';
import { docsMessages } from './docs.js';
import { scanMessages } from './scan.js';
import { consoleImagesMessages, imagesMessages } from './images.js';
import { yamlMessages } from './yaml.js';
import { renderMessages } from './render.js';
import { consoleSettingsMessages, settingsMessages } from './settings.js';
import { consoleSheetScanMessages } from './console-sheet.js';

export const MESSAGES = {
  ...commonMessages,
  ...appMessages,
  ...apiMessages,
  ...cliMessages,
  ...deployMessages,
  ...backupMessages,
  ...devclusterMessages,
  ...kubeMessages,
  ...modelMessages,
  ...compareMessages,
  ...clusterplanMessages,
  ...observabilityMessages,
  ...vulndbMessages,
  ...onboardMessages,
  ...auditMessages,
  ...auditCheckMessages,
  ...auditFindingMessages,
  ...auditExceptionMessages,
  ...consoleExceptionMessages,
  ...consoleFaultMessages,
  ...viewMessages,
  ...consoleMessages,
  ...consoleChartMessages,
  ...consoleCapacityMessages,
  ...consoleSecurityMessages,
  ...consoleGlanceMessages,
  ...consoleBackupChartMessages,
  ...consoleOnboardMessages,
  ...consolePlanMessages,
  ...consoleScheduleEditMessages,
  ...capacityMessages,
  ...gitlabMessages,
  ...docsMessages,
  ...scanMessages,
  ...imagesMessages,
  ...consoleImagesMessages,
  ...yamlMessages,
  ...renderMessages,
  ...settingsMessages,
  ...consoleSettingsMessages,
  ...consoleSheetScanMessages,
} as const satisfies Readonly<Record<string, Bilingual>>;

/** The catalog's parts, by domain, for the completeness tests. */
export const CATALOG_PARTS: Readonly<Record<string, Readonly<Record<string, Bilingual>>>> = {
  common: commonMessages,
  app: appMessages,
  api: apiMessages,
  cli: cliMessages,
  deploy: deployMessages,
  backup: backupMessages,
  devcluster: devclusterMessages,
  kube: kubeMessages,
  model: modelMessages,
  compare: compareMessages,
  clusterplan: clusterplanMessages,
  observability: observabilityMessages,
  vulndb: vulndbMessages,
  onboard: onboardMessages,
  audit: auditMessages,
  'audit.check': auditCheckMessages,
  'audit.finding': auditFindingMessages,
  'audit.exception': auditExceptionMessages,
  'console.exceptions': consoleExceptionMessages,
  'console.faults': consoleFaultMessages,
  view: viewMessages,
  console: consoleMessages,
  'console.chart': consoleChartMessages,
  'console.capacity': consoleCapacityMessages,
  'console.security': consoleSecurityMessages,
  'console.glance': consoleGlanceMessages,
  'console.backupCharts': consoleBackupChartMessages,
  'console.onboard': consoleOnboardMessages,
  'console.plan': consolePlanMessages,
  'console.scheduleEdit': consoleScheduleEditMessages,
  capacity: capacityMessages,
  gitlab: gitlabMessages,
  docs: docsMessages,
  scan: scanMessages,
  images: imagesMessages,
  'console.images': consoleImagesMessages,
  yaml: yamlMessages,
  render: renderMessages,
  settings: settingsMessages,
  'console.settings': consoleSettingsMessages,
  'console.sheetScan': consoleSheetScanMessages,
};

export type MessageId = keyof typeof MESSAGES;
type EnglishOf<Id extends MessageId> = (typeof MESSAGES)[Id]['en'];
export type ParamsOf<Id extends MessageId> = { readonly [K in Placeholders<EnglishOf<Id>>]: Param };
type ParamArgs<Id extends MessageId> = [Placeholders<EnglishOf<Id>>] extends [never] ? [] : [ParamsOf<Id>];

/** A message of the catalog with its parameters (checked against the English text's placeholders). */
export function msg<Id extends MessageId>(id: Id, ...params: ParamArgs<Id>): Message {
  const p = params[0] as Readonly<Record<string, Param>> | undefined;
  return p === undefined ? { id } : { id, params: p };
}

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGES, id);
}

/** The catalog seen as plain entries: indexing the literal types of ~1,000 ids is too costly. */
const ENTRIES: Readonly<Record<string, Bilingual>> = MESSAGES;

function lookup(id: string): Bilingual | undefined {
  return Object.hasOwn(ENTRIES, id) ? ENTRIES[id] : undefined;
}

/** The text of a message in a language. An unknown id (a newer server) shows as the id itself. */
export function t(lang: Lang, message: Message): string {
  const entry = lookup(message.id);
  if (entry === undefined) return message.id;
  return formatTemplate(lang, entry[lang], message.params, lookup);
}

/** Shorthand: the text of a catalog message in a language. */
export function tr<Id extends MessageId>(lang: Lang, id: Id, ...params: ParamArgs<Id>): string {
  return t(lang, msg(id, ...params));
}

/**
 * A result with every message in it turned into its text in one language: what the CLI prints
 * with `-o json|yaml`, so scripts read text, not catalog ids. Other values are kept as they are.
 * withTexts: a result for the HTTP API: every message in it keeps its id and parameters (the
 * console can show another language) and gains its text in the reader's language.
 */
export const { localize, withTexts } = resultTexts(isMessageId, t);

/** A message or a plain text (data from elsewhere, such as an API server's reason) as text. */
export function textOf(lang: Lang, value: Message | string): string {
  return typeof value === 'string' ? value : t(lang, value);
}
