/**
 * Chain errors as sentences that say what to do. The codes mirror chain/x/balancing/types/errors.go
 * and the SDK's types/errors; registered codes never change once released, so matching on
 * (codespace, code) is stable. Unknown codes fall back to the raw log.
 */
import { BroadcastTxError } from "@cosmjs/stargate";

/** TxPhase is where a transaction failed: gas simulation, mempool admission, or block execution. */
export type TxPhase = "simulate" | "checkTx" | "deliverTx";

interface KnownError {
  /** description is the registered error text, used to recognise errors whose code got lost. */
  readonly description: string;
  readonly sentence: string;
  /** generic descriptions are shared with other codespaces and never used to recognise one. */
  readonly generic?: true;
}

const knownErrors: Readonly<Record<string, KnownError>> = {
  "balancing:2": {
    description: "signer is not the grid operator",
    sentence:
      "Only the grid operator may do this; sign with the operator account from the balancing params.",
  },
  "balancing:3": {
    description: "invalid address",
    generic: true,
    sentence:
      "An address is malformed; use a grid1... account address.",
  },
  "balancing:4": {
    description: "invalid legal identifier",
    sentence:
      "The legal identifier is invalid; check its format (e.g. a 16-character EIC code).",
  },
  "balancing:5": {
    description: "invalid display name",
    sentence:
      "The display name is invalid; check that it is not empty and not too long.",
  },
  "balancing:6": {
    description: "invalid role",
    sentence:
      "A role is missing or unknown; grant at least one valid market role.",
  },
  "balancing:7": {
    description: "invalid energy category",
    sentence:
      "An energy category is unknown or does not fit the meter or roles; pick a valid category.",
  },
  "balancing:8": {
    description: "participant already admitted",
    sentence:
      "This account is already a participant; update it instead of admitting it again.",
  },
  "balancing:9": {
    description: "legal identifier already admitted",
    sentence:
      "Another participant already uses this legal identifier; check the identifier.",
  },
  "balancing:10": {
    description: "participant not admitted",
    sentence:
      "This account is not an admitted participant; admit it first.",
  },
  "balancing:11": {
    description: "invalid status transition",
    sentence:
      "The participant's status does not allow this (e.g. reinstating an active or excluded one); check its status first.",
  },
  "balancing:12": {
    description: "invalid meter identifier",
    sentence:
      "The meter id is invalid; use 1-64 characters of A-Z a-z 0-9 . _ : -.",
  },
  "balancing:13": {
    description: "meter already registered",
    sentence:
      "A meter with this id already exists; choose another id.",
  },
  "balancing:14": {
    description: "meter not registered",
    sentence:
      "No meter has this id; register it first.",
  },
  "balancing:15": {
    description: "invalid meter kind",
    sentence:
      "The meter kind is invalid; register production or consumption meters (virtual ones come from admission).",
  },
  "balancing:16": {
    description: "invalid meter public key",
    sentence:
      "The meter's public key does not fit its algorithm (33-byte secp256k1 or 32-byte ed25519); check the key.",
  },
  "balancing:17": {
    description: "invalid location",
    sentence:
      "The location is invalid; give a grid node or area, and coordinates within range.",
  },
  "balancing:18": {
    description: "invalid reason code",
    sentence:
      "The reason code is invalid; use a short code such as \"collateral\", no free text.",
  },
  "balancing:19": {
    description: "signer is not the governance authority",
    sentence:
      "Parameters change only through a governance proposal.",
  },
  "balancing:21": {
    description: "invalid request",
    generic: true,
    sentence:
      "The request is incomplete or malformed; check the fields.",
  },
  "sdk:4": {
    description: "unauthorized",
    generic: true,
    sentence:
      "The signature was rejected; check the chain id, the signing account and, for Ledger/amino signing, that the client is up to date.",
  },
  "sdk:5": {
    description: "insufficient funds",
    sentence:
      "The account cannot pay; fund it and retry.",
  },
  "sdk:9": {
    description: "unknown address",
    sentence:
      "The signing account does not exist on chain yet; send it some ugrid first.",
  },
  "sdk:11": {
    description: "out of gas",
    sentence:
      "The transaction ran out of gas; retry with fee \"auto\" or a higher gas limit.",
  },
  "sdk:13": {
    description: "insufficient fee",
    sentence:
      "The fee is below the node's minimum gas price; raise the gas price.",
  },
  "sdk:19": {
    description: "tx already in mempool",
    sentence:
      "This transaction is already pending; wait for it to be included.",
  },
  "sdk:32": {
    description: "incorrect account sequence",
    sentence:
      "Another transaction from this account got in first; retry.",
  },
};

/** explainError returns a sentence for a chain error, or undefined when the code is not known. */
export function explainError(codespace: string, code: number): string | undefined {
  return knownErrors[`${codespace}:${code}`]?.sentence;
}

/**
 * recogniseError finds a registered error by its text when only a log is left, as for failed
 * simulations: the node wraps the real error into a gRPC status and reports its own code. The
 * longest matching description wins, so "legal identifier already admitted" beats its suffix.
 */
export function recogniseError(log: string): { codespace: string; code: number } | undefined {
  let best: { key: string; length: number } | undefined;
  for (const [key, known] of Object.entries(knownErrors)) {
    const length = known.description.length;
    const longer = best === undefined || length > best.length;
    if (known.generic !== true && longer && log.includes(known.description)) {
      best = { key, length };
    }
  }
  if (best === undefined) return undefined;
  const [codespace = "", code = "0"] = best.key.split(":");
  return { codespace, code: Number(code) };
}

export interface GridledgerTxErrorInit {
  readonly phase: TxPhase;
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
  readonly transactionHash?: string;
  readonly height?: number;
}

/**
 * GridledgerTxError is thrown by GridledgerClient's transaction methods when the chain refuses a
 * transaction. `explanation` is a sentence for people; `codespace`/`code` are for programs.
 */
export class GridledgerTxError extends Error {
  override readonly name = "GridledgerTxError";
  readonly phase: TxPhase;
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
  readonly explanation: string;
  readonly transactionHash: string | undefined;
  readonly height: number | undefined;

  constructor(init: GridledgerTxErrorInit) {
    const explanation =
      explainError(init.codespace, init.code) ??
      "The chain rejected the transaction; see the log for details.";
    const where = `${init.phase} failed, ${init.codespace || "?"} code ${String(init.code)}`;
    super(`${explanation} (${where}: ${init.rawLog})`);
    this.phase = init.phase;
    this.code = init.code;
    this.codespace = init.codespace;
    this.rawLog = init.rawLog;
    this.explanation = explanation;
    this.transactionHash = init.transactionHash;
    this.height = init.height;
  }
}

/**
 * txErrorFromThrown turns what CosmJS throws while signing and broadcasting into a
 * GridledgerTxError when it is a chain refusal: a failed gas simulation ("Query failed with
 * (code): log") or a CheckTx failure (BroadcastTxError). Anything else (network, unknown
 * account, timeouts) is returned unchanged.
 */
export function txErrorFromThrown(error: unknown): unknown {
  if (error instanceof BroadcastTxError) {
    return new GridledgerTxError({
      phase: "checkTx",
      code: error.code,
      codespace: error.codespace,
      rawLog: error.log ?? "",
    });
  }
  if (error instanceof Error) {
    const match = /^Query failed with \((\d+)\): ([\s\S]*)$/.exec(error.message);
    if (match !== null) {
      const rawLog = match[2] ?? "";
      // The query's own code is the gRPC wrapper's (sdk 6 "unknown request"); the message's
      // real error survives only as text.
      const found = recogniseError(rawLog) ?? { codespace: "sdk", code: Number(match[1]) };
      return new GridledgerTxError({ phase: "simulate", ...found, rawLog });
    }
  }
  return error;
}
