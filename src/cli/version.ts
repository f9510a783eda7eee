/** CLI version string, kept in step with package.json (a unit test checks it). */
export const VERSION = '0.1.0';
