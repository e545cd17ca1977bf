export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;

/**
 * Lowercase letters and digits in groups joined by single hyphens. Every character has exactly
 * one way to match (a hyphen can only be the separator), so a backtracking engine fails a bad
 * name in linear time instead of trying every way to split a run of letters into groups.
 */
const USERNAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * 3–32 characters: lowercase ASCII letters and digits, groups joined by single hyphens, no
 * leading or trailing hyphen. The length is checked first, so no input of any size reaches the
 * regular expression with more than USERNAME_MAX characters.
 */
export function isValidUsername(name: string): boolean {
  return name.length >= USERNAME_MIN && name.length <= USERNAME_MAX && USERNAME.test(name);
}
