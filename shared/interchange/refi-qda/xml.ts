/**
 * The little XML the REFI-QDA exchange needs: escaping for the writer, and a
 * strict reader that turns a project file into a tree of elements.
 *
 * XML 1.0 cannot hold some characters at all (most C0 controls, U+FFFE,
 * U+FFFF, unpaired surrogates): text written to XML has them replaced by
 * U+FFFD. Data that must survive exactly goes through `xmlSafeJson`, which
 * escapes them the JSON way.
 */
import { SaxesParser } from 'saxes';

// eslint-disable-next-line no-control-regex -- matching the characters XML cannot hold is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT = '\uFFFD';

/** `text` as XML 1.0 can hold it: characters it cannot are replaced by U+FFFD. */
export function xmlLegal(text: string): string {
  return text.replace(XML_ILLEGAL, REPLACEMENT);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

// What may need replacing or escaping; most values (GUIDs, dates, plain words) hold none and are returned as they are.
// eslint-disable-next-line no-control-regex -- control characters are among them
const TEXT_CHANGES = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are among them
const ATTR_CHANGES = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escaped for element content; carriage returns as references so parsers keep them. */
export function escapeText(text: string): string {
  if (!TEXT_CHANGES.test(text)) return text;
  return xmlLegal(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

/** Escaped for a double-quoted attribute; tabs and line breaks as references, which attribute normalisation keeps. */
export function escapeAttr(text: string): string {
  if (!ATTR_CHANGES.test(text)) return text;
  return xmlLegal(text).replace(/[&<>\r"\t\n]/g, (c) => TEXT_ESCAPES[c]!);
}

/** JSON of `value` with every character XML cannot hold written as a \u escape, so it survives exactly. */
export function xmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export interface XmlElement {
  /** Local name (the namespace is checked on the root). */
  name: string;
  /** Attributes by qualified name, in a record without prototype; read them with `attr`. */
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text (not its children's). */
  text: string;
}

export class XmlError extends Error {}

/**
 * Parses a whole document strictly (well-formed, no DTD); throws XmlError with the parser's message.
 * Names are read without saxes' namespace processing, a good part of the parse on a large project:
 * elements go by their local names, attributes without a prefix are read by `attr`, and the
 * namespace is the one the root element declares for its own prefix.
 */
export function parseXml(source: string): { root: XmlElement; namespace: string } {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let namespace = '';
  let failure: string | null = null;
  parser.on('error', (e) => {
    failure ??= e.message;
  });
  parser.on('doctype', () => {
    failure ??= 'the file declares a DTD, which a project file never needs';
  });
  parser.on('opentag', (tag) => {
    const colon = tag.name.indexOf(':');
    // saxes' own attribute record (no prototype), not a copy: a large project has a few hundred thousand elements.
    const element: XmlElement = { name: tag.name.slice(colon + 1), attrs: tag.attributes, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(element);
    else {
      root = element;
      namespace = tag.attributes[colon < 0 ? 'xmlns' : `xmlns:${tag.name.slice(0, colon)}`] ?? '';
    }
    stack.push(element);
  });
  const onText = (t: string) => {
    const open = stack[stack.length - 1];
    if (open) open.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(source).close();
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure) throw new XmlError(failure);
  if (!root) throw new XmlError('the file holds no XML element');
  return { root, namespace };
}

/** The value of the attribute `name` (without prefix) of `element`, if it has one. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element && Object.hasOwn(element.attrs, name) ? element.attrs[name] : undefined;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The first child of `element` named `name`. */
export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}
