/**
 * MAIN-world, document_start: copies the page's own responses for the known list endpoints (read-only) and posts
 * them to the content script. See lib/detection/networkTap.ts for what it does and never does.
 */
import { ENDPOINT_PATTERNS } from '../lib/detection/networkPayloads';
import { installNetworkTap } from '../lib/detection/networkTap';
import { CONSOLE_MATCH_PATTERNS } from '../lib/platforms';

export default defineContentScript({
  matches: CONSOLE_MATCH_PATTERNS,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installNetworkTap(window, ENDPOINT_PATTERNS);
  },
});
