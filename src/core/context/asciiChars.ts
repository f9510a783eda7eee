/** ASCII character classes by char code, for the hot loops of the code search (no regex call per character). */

/** A-Z. */
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
/** a-z. */
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
/** a-z or 0-9. */
export const isLowerOrDigit = (c: number): boolean => isLower(c) || (c >= 48 && c <= 57);
/** A-Z, a-z or 0-9. */
export const isAlnum = (c: number): boolean => isLowerOrDigit(c) || isUpper(c);
