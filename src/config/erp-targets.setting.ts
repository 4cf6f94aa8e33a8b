import { ValidateBy } from 'class-validator';
import { ErpTargetSettingsError, parseErpTargets, type ErpTargetSettings } from '../erp/connector/erp-target-settings';
import { type ChartOfAccounts, companyFor, UnmappedAccountError } from '../ledger/chart-of-accounts/chart-of-accounts';
import { loadChartOfAccounts } from './chart-of-accounts/chart-of-accounts.file';

/** One ERP target and the company codes whose posting batches it receives. */
export interface ErpDeliveryTarget {
  settings: ErpTargetSettings;
  companyCodes: string[];
}

export const ERP_TARGETS_FORMAT = '[{"erp": "sap", "target": "sap", "url": "...", ..., "companyCodes": ["US01"]}]';

/**
 * Reads ERP_TARGETS: the connectors' target settings (parseErpTargets, secrets kept from print),
 * each with `companyCodes`, the companies whose batches go to it. Every company must be in the
 * chart with a setup for the target's ERP. Answers every problem with its path, never a secret.
 */
export function readErpTargets(setting: string | undefined, chart?: ChartOfAccounts): { targets: ErpDeliveryTarget[]; problems: string[] } {
  if (setting === undefined || setting.trim() === '') return { targets: [], problems: [] };
  let document: unknown;
  try {
    document = JSON.parse(setting);
  } catch {
    return { targets: [], problems: [`must be JSON: ${ERP_TARGETS_FORMAT}`] };
  }
  if (!Array.isArray(document)) return { targets: [], problems: [`must be a JSON array of targets: ${ERP_TARGETS_FORMAT}`] };
  const problems: string[] = [];
  const companyLists = document.map((value, index) => {
    const codes = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).companyCodes : undefined;
    if (!Array.isArray(codes) || codes.length === 0 || !codes.every((code) => typeof code === 'string' && code !== '')) {
      problems.push(`[${index}].companyCodes: must be a non-empty array of company codes, the companies whose batches the target receives`);
      return [];
    }
    if (new Set(codes).size !== codes.length) problems.push(`[${index}].companyCodes: lists a company twice`);
    return codes as string[];
  });
  let settings: ErpTargetSettings[] = [];
  try {
    settings = parseErpTargets(
      document.map((value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
        const { companyCodes: _companies, ...target } = value as Record<string, unknown>;
        return target;
      }),
      'ERP_TARGETS',
    );
  } catch (error) {
    if (!(error instanceof ErpTargetSettingsError)) throw error;
    problems.push(...error.problems);
  }
  if (chart && settings.length === document.length) {
    settings.forEach((target, index) =>
      companyLists[index].forEach((companyCode) => {
        try {
          companyFor(chart, companyCode, target.erp);
        } catch (error) {
          if (!(error instanceof UnmappedAccountError)) throw error;
          problems.push(`[${index}].companyCodes: ${JSON.stringify(companyCode)} must be a company of the chart of accounts with a ${target.erp} setup (${error.message})`);
        }
      }),
    );
  }
  if (problems.length > 0) return { targets: [], problems };
  return { targets: settings.map((target, index) => ({ settings: target, companyCodes: companyLists[index] })), problems };
}

function chartOf(chartFile: unknown): ChartOfAccounts | undefined {
  try {
    return typeof chartFile === 'string' ? loadChartOfAccounts(chartFile) : undefined;
  } catch {
    // CHART_OF_ACCOUNTS reports its own problem in the same message.
    return undefined;
  }
}

/** ERP_TARGETS reads, and every company it names is in the chart (CHART_OF_ACCOUNTS) for that ERP; the problems become the message. */
export const IsErpTargets = () =>
  ValidateBy({
    name: 'isErpTargets',
    validator: {
      validate: (value, args) => readErpTargets(value as string | undefined, chartOf((args?.object as { CHART_OF_ACCOUNTS?: unknown })?.CHART_OF_ACCOUNTS)).problems.length === 0,
      defaultMessage: (args) =>
        readErpTargets(args?.value as string | undefined, chartOf((args?.object as { CHART_OF_ACCOUNTS?: unknown })?.CHART_OF_ACCOUNTS)).problems.join('; '),
    },
  });
