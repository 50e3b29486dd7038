// The lab's frame-time benchmark, bundled for Node: `npm run bench:web` (it drives Chromium).
import { nodeBundle } from './nodeBundle';

export default nodeBundle('web', 'bench/web.ts', true);
