/**
 * Reads whose answer has three values, not two: the thing is there, the chain definitely says
 * it is not, or we could not tell (node not listening yet, timeout, HTTP 5xx, a route the REST
 * server does not know yet, garbled body). Only the second may lead to creating something: a
 * restart once read "endpoint not answering" as "no channel" and asked Hermes for a new client,
 * connection and channel on links that had them.
 */

/** Lookup is the outcome of one read. */
export type Lookup<T> = { kind: "found"; value: T } | { kind: "missing"; reason: string } | { kind: "unreachable"; reason: string };

export const found = <T>(value: T): Lookup<T> => ({ kind: "found", value });

/**
 * classifyRest turns one REST (gRPC-gateway) response into a Lookup. "missing" needs all of:
 * HTTP 404, gRPC code 5 (NotFound) in the body, and a message matching `notFound` (the IBC
 * error the query returns for an absent object, e.g. /channel not found/). The gateway answers
 * an unknown route with 404 and code 5 too, but with the bare message "Not Found", which is not
 * a statement about the chain's state.
 */
export function classifyRest<T>(status: number, body: string, notFound: RegExp, parse: (json: unknown) => T): Lookup<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: "unreachable", reason: `HTTP ${status} with a body that is not JSON: ${body.slice(0, 120)}` };
  }
  if (status === 200) {
    try {
      return found(parse(json));
    } catch (err) {
      return { kind: "unreachable", reason: `unexpected answer: ${(err as Error).message}` };
    }
  }
  const { code, message } = (json ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "";
  if (status === 404 && Number(code) === 5 && notFound.test(text)) return { kind: "missing", reason: text };
  return { kind: "unreachable", reason: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}` };
}

/** restLookup GETs `url` and classifies the answer; a failed request is "unreachable". */
export async function restLookup<T>(url: string, notFound: RegExp, parse: (json: unknown) => T, timeoutMs = 5_000): Promise<Lookup<T>> {
  let res: Response;
  let body: string;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    body = await res.text();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { kind: "unreachable", reason: `GET ${url}: ${cause ?? (err as Error).message}` };
  }
  const result = classifyRest(res.status, body, notFound, parse);
  return result.kind === "unreachable" ? { kind: "unreachable", reason: `GET ${url}: ${result.reason}` } : result;
}

export interface RetryOptions {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
  /** Pause between attempts. Default 1 s. */
  intervalMs?: number;
  /** Told about each failed attempt after the first (at most every 5 s). */
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * retryUnreachable repeats `read` while it answers "unreachable", up to a deadline, and returns
 * the first definite answer ("found" or "missing") or the last "unreachable".
 */
export async function retryUnreachable<T>(what: string, read: () => Promise<Lookup<T>>, options: RetryOptions = {}): Promise<Lookup<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const deadline = now() + (options.timeoutMs ?? 30_000);
  let reported = now();
  for (;;) {
    const result = await read();
    if (result.kind !== "unreachable" || now() >= deadline) return result;
    if (options.log && now() - reported >= 5_000) {
      reported = now();
      options.log(`${what}: no answer yet (${result.reason}); retrying`);
    }
    await sleep(options.intervalMs ?? 1_000);
  }
}

/** definite returns a Lookup's value, undefined for "missing", and throws for "unreachable". */
export function definite<T>(what: string, result: Lookup<T>, next: string): T | undefined {
  if (result.kind === "found") return result.value;
  if (result.kind === "missing") return undefined;
  throw new Error(`could not read ${what}: ${result.reason}.\n  ${next}`);
}
