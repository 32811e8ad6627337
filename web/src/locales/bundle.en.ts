// The English texts as one chunk, loaded only when this language is active: the shared file plus one
// file per feature area that keeps its own texts (merged under the area's key).
import main from './en.json';
import retention from './retention.en.json';
import webhooks from './webhooks.en.json';
import type { Tree } from './bundles';

export default { ...(main as Tree), retention: retention as Tree, webhooks: webhooks as Tree } as Tree;
