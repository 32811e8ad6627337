// The UI's translation bundles, both languages (for the checks that compare them); the app itself
// loads only the active language's bundle.<lang>.ts.
import de from './bundle.de';
import en from './bundle.en';

export type Tree = { [k: string]: string | Tree };

export const bundles: Record<'de' | 'en', Tree> = { de, en };
