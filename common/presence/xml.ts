// The XML reader for presence bodies (PIDF, RPID, dialog-info) arriving in NOTIFYs from the
// network. A strict, pure-JS parser (saxes: well-formedness errors with a reason, no DOM, so the
// renderer and the node tier share it) behind caps checked before and while parsing: body size,
// nesting depth, element count. DOCTYPE (and so every entity declaration: no billion laughs, no
// external entities) is refused outright; only XML's five predefined entities and character
// references are decoded. Names are matched by local name, lower-cased, whatever the prefix: the
// presence server may aggregate documents that use any prefix, and the old readers were
// case-insensitive. Nothing thrown here escapes: a rejected body comes back with its reason.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name (prefix dropped), lower-cased. */
  readonly name: string;
  /** Attributes by local name, lower-cased (namespace declarations dropped). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), entities decoded, not trimmed. */
  readonly text: string;
}

/** Why a body was rejected, as a code that is safe to log (the reason may quote the body). */
export type XmlRejectCode = 'too-large' | 'doctype' | 'too-deep' | 'too-many-elements' | 'malformed' | 'empty';

export interface XmlRejection {
  readonly ok: false;
  readonly code: XmlRejectCode;
  /** For a person reading it: what is wrong and where (line:column). */
  readonly reason: string;
}

export type XmlResult = { readonly ok: true; readonly root: XmlElement } | XmlRejection;

export const XML_LIMITS = {
  /** Characters of the whole body; a presence document is a few hundred bytes. */
  maxChars: 64 * 1024,
  maxDepth: 32,
  maxElements: 2000,
} as const;

interface Building {
  name: string;
  attributes: Record<string, string>;
  children: Building[];
  text: string;
}

class Rejected extends Error {
  constructor(
    readonly code: XmlRejectCode,
    message: string,
  ) {
    super(message);
  }
}

const reject = (code: XmlRejectCode, reason: string): XmlRejection => ({ ok: false, code, reason });

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1).toLowerCase();

/** Parses a body into an element tree, or says why it will not. */
export function parseXml(xml: string, limits: Partial<Record<keyof typeof XML_LIMITS, number>> = {}): XmlResult {
  const max = { ...XML_LIMITS, ...limits };
  if (xml.length > max.maxChars) return reject('too-large', `document larger than ${max.maxChars} characters`);
  if (!xml.trim()) return reject('empty', 'empty body');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return reject('doctype', 'DOCTYPE and entity declarations are refused');
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Building[] = [];
  let root: Building | null = null;
  let count = 0;
  parser.on('doctype', () => {
    throw new Rejected('doctype', 'DOCTYPE and entity declarations are refused');
  });
  parser.on('opentag', (tag) => {
    if (++count > max.maxElements) throw new Rejected('too-many-elements', `more than ${max.maxElements} elements`);
    if (stack.length >= max.maxDepth) throw new Rejected('too-deep', `nested deeper than ${max.maxDepth} elements`);
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      attributes[localName(name)] = value;
    }
    const el: Building = { name: localName(tag.name), attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    // a BOM or whitespace before the XML declaration is a sender's slip, not a reason to drop the body
    parser.write(xml.replace(/^\s+/, '')).close(); // \s takes a BOM too
  } catch (error) {
    if (error instanceof Rejected) return reject(error.code, error.message);
    return reject('malformed', `malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return root ? { ok: true, root } : reject('malformed', 'malformed XML: no root element');
}

/** The first descendant (depth first, document order) with this local name. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const child of el.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every descendant with this local name, in document order (not looking inside a match). */
export function findAll(el: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const child of el.children) {
    if (child.name === name) into.push(child);
    else findAll(child, name, into);
  }
  return into;
}

/** The direct child with this local name. */
export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);

/** An element's text with surrounding white space removed; '' for a missing element. */
export const textOf = (el: XmlElement | undefined): string => el?.text.trim() ?? '';
