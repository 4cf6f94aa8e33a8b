/** Text or attribute content with XML's five special characters escaped; control characters are refused. */
export function xmlText(value: string): string {
  // XML 1.0 cannot carry most C0 controls at all, not even escaped: matching them is the point.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(value)) throw new RangeError(`${JSON.stringify(value)} holds a character XML cannot carry`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function xmlElement(name: string, value: string): string {
  return `<${name}>${xmlText(value)}</${name}>`;
}
