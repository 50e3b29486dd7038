// The scheduler benchmark alone, bundled for Node: `npm run bench:scheduler`.
import { nodeBundle } from './nodeBundle';

export default nodeBundle('scheduler', 'bench/scheduler.ts');
