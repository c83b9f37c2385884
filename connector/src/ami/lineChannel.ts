/** `text` as a regular expression that matches exactly it. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The regular-expression source of a line channel template such as
 * `PJSIP/{line}`, with `{line}` as `linePart` (a capturing group): the
 * tracker adds Asterisk's channel suffix, an Originate takes the bare name.
 */
export function lineChannelSource(template: string, linePart: string): string {
  return escapeRegExp(template).replace('\\{line\\}', linePart);
}
