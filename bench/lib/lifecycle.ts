/**
 * One scenario process: cleanup steps run in reverse order on success, failure and Ctrl-C,
 * and child processes are killed even when the scenario dies on an uncaught error.
 */
type Step = () => Promise<void> | void;

const steps: { label: string; run: Step }[] = [];
const livePids = new Set<number>();
let cleaning: Promise<void> | undefined;

/** Registers a cleanup step (database drop, child stop, temp dir removal). */
export function onCleanup(label: string, run: Step) {
  steps.push({ label, run });
}

/** Child pids that must not outlive this process, whatever happens. */
export function trackChild(pid: number) {
  livePids.add(pid);
}

export function untrackChild(pid: number) {
  livePids.delete(pid);
}

async function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(`bench: cleanup "${step.label}" failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

process.on('exit', () => {
  // Last resort (uncaught error, process.exit elsewhere): no child survives the scenario.
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export class BenchFailure extends Error {}

/**
 * Runs a scenario's main function; its resolved value is the exit code. Ctrl-C / SIGTERM clean
 * up and exit 130 / 143.
 */
export function runScenario(main: () => Promise<number>) {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`\nbench: ${signal}, cleaning up…\n`);
    void cleanup().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));

  main()
    .then(async (code) => {
      await cleanup();
      if (!signalled) process.exit(code);
    })
    .catch(async (error: unknown) => {
      if (signalled) return;
      process.stderr.write(`\nbench: ${error instanceof BenchFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await cleanup();
      process.exit(1);
    });
}
