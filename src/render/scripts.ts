/**
 * How each writing system is typeset, by its ISO 15924 code: data every
 * renderer reads, so that a convention is decided once for a script, not in one
 * place of one renderer. A language's script comes from CLDR's likely subtags
 * (Intl.Locale#maximize): `ar` → Arab, `zh` → Hans, `ru` → Cyrl.
 */
export interface ScriptTypography {
  /** whether the script is set in italics where Latin is (no Arabic or Chinese press office slants its text) */
  italic: boolean;
  /** body paragraphs justified, as the script is set in print */
  justifyBody: boolean;
  /** the size of this script's text (in its own face) relative to the style's size, in every format */
  sizeScale: number;
}

const LATIN_LIKE: ScriptTypography = { italic: true, justifyBody: false, sizeScale: 1 };

export const SCRIPT_TYPOGRAPHY: Record<string, ScriptTypography> = {
  Latn: LATIN_LIKE,
  Cyrl: LATIN_LIKE,
  Grek: LATIN_LIKE,
  // Naskh is small on its body: at the Latin size Arabic reads a size smaller (UN Arabic documents set it ~15% larger)
  Arab: { italic: false, justifyBody: false, sizeScale: 1.15 },
  Hans: { italic: false, justifyBody: true, sizeScale: 1 },
  Hant: { italic: false, justifyBody: true, sizeScale: 1 },
};

/** The script a language is written in (ISO 15924), from CLDR's likely subtags; Latn when unknown. */
export function scriptOfLanguage(lang: string): string {
  try {
    return new Intl.Locale(lang).maximize().script ?? 'Latn';
  } catch {
    return 'Latn';
  }
}

export function typographyOf(lang: string): ScriptTypography {
  return SCRIPT_TYPOGRAPHY[scriptOfLanguage(lang)] ?? LATIN_LIKE;
}
