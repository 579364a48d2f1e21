import { shorten } from '../../shared/text/wording';

/**
 * Text from a file, made safe to print on one terminal line: control and
 * format characters (line breaks, escape sequences, bidi controls) become
 * spaces; cut to `max` characters when given.
 */
export function oneLine(text: string, max = Infinity): string {
  return shorten(text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim(), max);
}
