// The traffic benchmark alone, bundled for Node: `npm run bench:traffic`.
import { nodeBundle } from './nodeBundle';

export default nodeBundle('traffic', 'bench/traffic.ts');
