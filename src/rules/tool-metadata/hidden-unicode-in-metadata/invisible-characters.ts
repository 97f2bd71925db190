// Classifies invisible and direction-changing code points, and decodes Unicode tag smuggling back to ASCII.

export type InvisibleKind = 'tag' | 'zero-width' | 'bidi' | 'variation-selector' | 'private-use' | 'format';

export interface InvisibleScan {
  count: number;
  kinds: InvisibleKind[];
  /** ASCII hidden with Unicode tag characters (U+E0020–U+E007E map to printable ASCII). */
  smuggled: string;
}

const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]/u;

function kindOf(cp: number): InvisibleKind | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'bidi';
  if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0x180e) return 'zero-width';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return 'private-use';
  if (cp === 0x00ad || cp === 0x034f || cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'format';
  return undefined;
}

export function scanInvisible(text: string): InvisibleScan {
  const cps = Array.from(text);
  const kinds = new Set<InvisibleKind>();
  let count = 0;
  let smuggled = '';
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!.codePointAt(0)!;
    const kind = kindOf(cp);
    if (!kind) continue;
    // Emoji sequences legitimately use ZWJ (U+200D) and VS16 (U+FE0F): skip them next to a pictograph.
    if ((cp === 0x200d || cp === 0xfe0f || cp === 0xfe0e) && i > 0 && PICTOGRAPH.test(cps[i - 1]!)) continue;
    if (cp === 0x200d && i + 1 < cps.length && PICTOGRAPH.test(cps[i + 1]!)) continue;
    // A BOM at the very start is an encoding artefact, not a hidden character.
    if (cp === 0xfeff && i === 0) continue;
    count++;
    kinds.add(kind);
    if (kind === 'tag' && cp >= 0xe0020 && cp <= 0xe007e) smuggled += String.fromCharCode(cp - 0xe0000);
  }
  return { count, kinds: [...kinds].sort(), smuggled };
}
