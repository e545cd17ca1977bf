export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;

// Groups of letters and digits, each optionally followed by a hyphen, and a final group.
// TODO: this pattern backtracks exponentially on a long run of letters followed by a bad
// character (there are 2^n ways to split the run into groups). Make the check linear-time.
const USERNAME = /^([a-z0-9]+-?)*[a-z0-9]+$/;

/**
 * 3–32 characters: lowercase ASCII letters and digits, groups joined by single hyphens, no
 * leading or trailing hyphen.
 */
export function isValidUsername(name: string): boolean {
  return USERNAME.test(name) && name.length >= USERNAME_MIN && name.length <= USERNAME_MAX;
}
