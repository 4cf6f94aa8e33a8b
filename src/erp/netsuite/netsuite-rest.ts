/** NetSuite REST web services paths, below the account's `https://<account>.suitetalk.api.netsuite.com`. */
export const NETSUITE_JOURNAL_ENTRY_PATH = '/services/rest/record/v1/journalentry';
export const NETSUITE_TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

/** One item of NetSuite's `o:errorDetails`. */
export interface NetSuiteErrorDetail {
  detail: string;
  'o:errorCode': string;
  'o:errorPath'?: string;
}

/** NetSuite's error body: `{type, title, status, "o:errorDetails": [...]}`. */
export function netsuiteError(
  status: number,
  title: string,
  details: NetSuiteErrorDetail[],
): { type: string; title: string; status: number; 'o:errorDetails': NetSuiteErrorDetail[] } {
  return { type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.${status >= 500 ? 6 : 5}.1`, title, status, 'o:errorDetails': details };
}

/** The details of an error body, or none when it is not one. */
export function netsuiteErrorDetails(body: string): NetSuiteErrorDetail[] {
  try {
    const parsed = JSON.parse(body) as { 'o:errorDetails'?: unknown };
    return Array.isArray(parsed['o:errorDetails'])
      ? parsed['o:errorDetails'].filter((d: { detail?: unknown } | null): d is NetSuiteErrorDetail => typeof d?.detail === 'string')
      : [];
  } catch {
    return [];
  }
}
