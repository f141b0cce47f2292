export { checkRules, ruleFileText, type RuleCheck } from './check.js';
export {
  alertRules,
  type AlertRule,
  type AlertTarget,
  type AlertWorkload,
  type PrometheusRule,
} from './rules.js';
