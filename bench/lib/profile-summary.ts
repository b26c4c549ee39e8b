/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- <scenario> --cpu-prof`):
 *   npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [--top N] [--from S] [--to S]
 * Self time by owner (npm package, app folder, node internals, GC/idle) and by function, plus
 * inclusive ("total") time of the heaviest functions, as shares of the busy (non-idle) time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program: native/runtime)';
    return `(native ${functionName || 'anonymous'})`;
  }
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const app = /\/(apps\/[^/]+\/src\/(?:modules\/[^/]+|platform(?:\/[^/]+)?|[^/]+))/.exec(url);
  if (app?.[1]) return app[1].replace(/\.ts$/, '');
  const bench = /\/(bench\/.+)$/.exec(url);
  return bench?.[1] ?? url;
}

const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(apps|bench)\//, '$1/')}:${frame.lineNumber + 1}` : ''}`.trim();

export interface SummaryOptions {
  top?: number;
  /** Only samples from this many seconds after the profile starts (skip start-up)… */
  fromSeconds?: number;
  /** …up to this many seconds after it starts. */
  toSeconds?: number;
}

export function summarise(profile: Profile, options: SummaryOptions = {}): string {
  const top = options.top ?? 25;
  const fromUs = (options.fromSeconds ?? 0) * 1e6;
  const toUs = (options.toSeconds ?? Infinity) * 1e6;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Sample weights from timeDeltas (more exact than hitCount × mean interval).
  const selfUs = new Map<number, number>();
  let at = 0;
  let windowStart = Infinity;
  let windowEnd = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromUs || at > toUs) return;
    windowStart = Math.min(windowStart, at);
    windowEnd = Math.max(windowEnd, at);
    const delta = profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, delta));
  });

  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const owner = ownerOf(node.callFrame);
    total += us;
    if (owner === '(idle)') {
      idle += us;
      continue;
    }
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    byFunction.set(label(node.callFrame), (byFunction.get(label(node.callFrame)) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
      const frame = byId.get(cursor)!.callFrame;
      if (!frame.url) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const list = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `  ${pct(us)} ${ms(us)}  ${key}`);
  return [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s; window ${(windowStart / 1e6).toFixed(1)}–${(windowEnd / 1e6).toFixed(1)} s: busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s (shares below are of busy time)`,
    '',
    'self time by owner:',
    ...list(byOwner, top),
    '',
    'self time by function:',
    ...list(byFunction, top),
    '',
    'inclusive time by function:',
    ...list(inclusive, top),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [--top N] [--from S] [--to S]\n');
    process.exit(2);
  }
  const flag = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? Number(process.argv[index + 1]) : undefined;
  };
  const options: SummaryOptions = {};
  const top = flag('--top');
  const from = flag('--from');
  const to = flag('--to');
  if (top !== undefined) options.top = top;
  if (from !== undefined) options.fromSeconds = from;
  if (to !== undefined) options.toSeconds = to;
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, options)}\n`);
}
