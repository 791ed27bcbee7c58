/**
 * Characters no file name may hold: path separators, C0/C1 controls, DEL, and the invisible
 * Unicode format characters (bidi overrides that disguise an extension, zero-width, BOM).
 */
export const UNSAFE_NAME_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters looked for
  /[/\\\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A surrogate without its pair (a name cut in the middle of a character). */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
