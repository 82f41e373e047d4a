import type { Refusal } from './certificate-signature.ts';

/**
 * A certificate as it was handed over: the text, not an object some parser made of it.
 * Issue 10 (6): JSON parsers keep the last of two equal keys, while a person reading the
 * document, or another program, may take the first — so `"verdict":"compliant"` slipped in
 * before the signed `"verdict":"non-compliant"` would verify as genuine once parsed and
 * re-serialised. A document whose text can be read two ways is refused before any signature
 * is checked.
 */
export type DocumentReading = { ok: true; doc: unknown } | { ok: false; reason: Refusal };

/**
 * The first key that appears twice in one object of `text` (valid JSON), compared after
 * unescaping (`"v\u0065rdict"` is `"verdict"`), or `null`.
 */
export function duplicateKeyIn(text: string): string | null {
  // One frame per open object (its keys so far; whether a key comes next) or array (no keys).
  const frames: Array<{ keys: Set<string>; keyNext: boolean } | null> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const frame = frames.at(-1);
      if (frame?.keyNext) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (frame.keys.has(key)) return key;
        frame.keys.add(key);
        frame.keyNext = false;
      }
      i = end;
    } else if (ch === '{') frames.push({ keys: new Set(), keyNext: true });
    else if (ch === '[') frames.push(null);
    else if (ch === '}' || ch === ']') frames.pop();
    else if (ch === ',') {
      const frame = frames.at(-1);
      if (frame) frame.keyNext = true;
    }
  }
  return null;
}

/** Parses a handed-over certificate, refusing text that is not JSON or can be read two ways. */
export function readCertificateDocument(text: string): DocumentReading {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: {
        fr: 'le contenu n’est pas du JSON valide',
        en: 'the content is not valid JSON',
        nl: 'de inhoud is geen geldige JSON',
      },
    };
  }
  const key = duplicateKeyIn(text);
  if (key !== null)
    return {
      ok: false,
      reason: {
        fr: `le document répète la clé « ${key} » : il peut se lire de deux façons, ce n’est pas le texte signé`,
        en: `the document repeats the key "${key}": it can be read two ways, so it is not the text that was signed`,
        nl: `het document herhaalt de sleutel ‘${key}’: het kan op twee manieren worden gelezen, dus het is niet de ondertekende tekst`,
      },
    };
  return { ok: true, doc };
}
