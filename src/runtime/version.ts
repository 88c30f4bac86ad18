// The version is written once, in package.json; the bundle carries it from there (the build
// inlines the import), so a release bumps one line and the User-Agent follows.
import pkg from '../../package.json' with { type: 'json' };

/** The action's version, sent in the User-Agent. */
export const VERSION: string = pkg.version;
