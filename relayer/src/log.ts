/** Log receives one progress line; tools print what they are doing through it. */
export type Log = (message: string) => void;

/** stderrLog prints progress in the same "==> " style as scripts/lib.sh, on stderr. */
export const stderrLog: Log = (message) => {
  process.stderr.write(`==> ${message}\n`);
};

/** silentLog drops progress lines (tests that only care about results). */
export const silentLog: Log = () => {};
