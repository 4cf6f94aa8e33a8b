import { ValidateBy } from 'class-validator';
import { loadChartOfAccounts } from './chart-of-accounts.file';

function problemOf(file: unknown): string | undefined {
  if (typeof file !== 'string' || file.trim() === '') return 'must be the path of a chart-of-accounts JSON file';
  try {
    loadChartOfAccounts(file);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The setting names a chart-of-accounts file that loads and validates; its problems become the message. */
export const IsChartOfAccountsFile = () =>
  ValidateBy({
    name: 'isChartOfAccountsFile',
    validator: {
      validate: (value: unknown) => problemOf(value) === undefined,
      defaultMessage: (args) => problemOf(args?.value) ?? 'CHART_OF_ACCOUNTS is invalid',
    },
  });
