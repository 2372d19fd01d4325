import cliProgress from "cli-progress";

/** Progress of long work: a bar on a terminal, one summary line per `every` items otherwise. */
export interface Progress {
  /** More items became known (a feed or sitemap was read). */
  addTotal(count: number): void;
  /** One item finished. */
  tick(failed?: boolean): void;
  /** Prints a line above the bar, or plainly without one (to standard error when `error`). */
  log(line: string, error?: boolean): void;
  stop(): void;
}

export interface ProgressOptions {
  /** What is counted ("pages", "files"). */
  unit: string;
  stream?: NodeJS.WriteStream;
  /** Show the bar (default: when the stream is a terminal). */
  tty?: boolean;
  /** Lines in non-terminal mode: one per this many items. Default 100. */
  every?: number;
  /** Clock, ms. */
  now?: () => number;
  /** Where plain lines go (default: standard output, and the stream for errors and progress lines). */
  write?: (line: string, error: boolean) => void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Items done, failed, rate and time left: the figures both forms show. */
export function progressLine(
  unit: string,
  done: number,
  total: number,
  failed: number,
  seconds: number,
): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 && total >= done ? duration((total - done) / rate) : "?";
  return `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${unit} done, ${failed} failed, ${rate.toFixed(1)}/s, ${left} left`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const every = options.every ?? 100;
  const write =
    options.write ?? ((line: string, error: boolean) => (error ? stream : process.stdout).write(`${line}\n`));
  const started = now();
  let total = 0;
  let done = 0;
  let failed = 0;

  if (options.tty ?? Boolean(stream.isTTY)) {
    const bars = new cliProgress.MultiBar(
      {
        stream,
        format: `{bar} {value}/{total} ${options.unit} | {failed} failed | {rate}/s | {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = bars.create(0, 0, { failed: 0, rate: "0.0" });
    const payload = () => ({ failed, rate: (done / Math.max(1e-3, (now() - started) / 1000)).toFixed(1) });
    return {
      addTotal: (count) => {
        total += count;
        bar.setTotal(total);
      },
      tick: (itemFailed = false) => {
        done++;
        if (itemFailed) failed++;
        if (done > total) {
          total = done;
          bar.setTotal(total);
        }
        bar.update(done, payload());
      },
      log: (line) => bars.log(`${line}\n`),
      stop: () => bars.stop(),
    };
  }
  return {
    addTotal: (count) => {
      total += count;
    },
    tick: (itemFailed = false) => {
      done++;
      if (itemFailed) failed++;
      total = Math.max(total, done);
      if (done % every === 0)
        write(`progress: ${progressLine(options.unit, done, total, failed, (now() - started) / 1000)}`, true);
    },
    log: (line, error = false) => write(line, error),
    stop: () => {},
  };
}
