/**
 * What the chain allows a participant to do with the tokens it holds, worked out before signing
 * so that the forms say why in sentences (chain/x/energy/keeper: msg_server_split.go, shapes.go,
 * msg_server_aggregate.go, backing.go, msg_server_cancel.go, gate.go). The chain decides; these
 * rules only spare people a refusal.
 */
import { type EnergyParams, Side, type Token } from "@gridledger/client";

import { formatEnergy } from "../format/units.js";
import { sideName } from "../market/categories.js";

/** Shape is a part's periods and energy per period. */
export interface Shape {
  readonly firstPeriod: bigint;
  readonly lastPeriod: bigint;
  readonly whPerPeriod: bigint;
}

/** Rules are the energy parameters the checks need, and the time (Unix seconds) they run at. */
export interface Rules {
  readonly params: Pick<EnergyParams, "periodSeconds" | "gateClosureSeconds" | "maxSplitParts" | "maxMergeInputs" | "maxTokenPeriods">;
  readonly now: number;
}

/** Plan is what an action would do, or why the chain would refuse it. */
export interface Plan {
  readonly problems: readonly string[];
  readonly shapes: readonly Shape[];
}

const id = (t: Token) => `#${t.id.toString()}`;
const ids = (list: readonly bigint[]) => list.map((x) => `#${x.toString()}`).join(", ");

/** firstOpenPeriod is the first period whose gate is still open at Unix second now (types/params.go). */
export function firstOpenPeriod(params: Rules["params"], now: number): bigint {
  return (BigInt(Math.max(0, Math.floor(now))) + params.gateClosureSeconds) / params.periodSeconds + 1n;
}

/** sideOf is the token's side s. */
export function sideOf(token: Token, side: Side) {
  return side === Side.SIDE_CONSUMER ? token.consumer : token.producer;
}

/** heldSides are the sides of the token that owner holds. */
export function heldSides(token: Token, owner: string): Side[] {
  return [Side.SIDE_CONSUMER, Side.SIDE_PRODUCER].filter((s) => sideOf(token, s)?.owner === owner);
}

/** otherOwner is the owner of the side owner does not hold, or owner when it holds both. */
export function otherOwner(token: Token, owner: string): string {
  return token.producer?.owner === owner ? (token.consumer?.owner ?? "") : (token.producer?.owner ?? "");
}

/** frozen says, as a sentence, that participants can no longer act on the token (tradableToken). */
function frozen(token: Token, rules: Rules): string | undefined {
  if (token.firstPeriod >= firstOpenPeriod(rules.params, rules.now)) return undefined;
  return `Token ${id(token)} is past its gate closure (${rules.params.gateClosureSeconds.toString()} s before its first period): only the grid operator acts on it now.`;
}

/** committed says that a side of the token backs emitted tokens (checkUncommitted). */
function committed(token: Token): string | undefined {
  const backs = token.backs?.tokenIds ?? [];
  if (backs.length === 0) return undefined;
  return `The ${sideName(token.backs?.side ?? Side.SIDE_UNSPECIFIED)} of token ${id(token)} backs token${backs.length === 1 ? "" : "s"} ${ids(backs)} emitted against it: cancel ${backs.length === 1 ? "that token" : "those tokens"} first, which releases it.`;
}

/** emitted says that the token was emitted by an aggregation or disaggregation (checkNotEmitted). */
function emitted(token: Token, doing: string): string | undefined {
  const sources = token.backedBy?.tokenIds ?? [];
  if (sources.length === 0) return undefined;
  return `Token ${id(token)} was emitted against tokens ${ids(sources)}, so it cannot be ${doing}: keep one of its sides and disaggregate or aggregate it instead.`;
}

function defined(list: readonly (string | undefined)[]): string[] {
  return list.filter((x): x is string => x !== undefined);
}

/** SplitInput is a split by energy (Wh per period of each part) or by periods (the first part ends with `after`). */
export type SplitInput = { readonly by: "energy"; readonly parts: readonly (bigint | undefined)[] } | { readonly by: "periods"; readonly after: bigint | undefined };

/** splitShapes checks the parts as splitShapes does on the chain and returns them. */
export function splitShapes(token: Token, input: SplitInput, rules: Rules): Plan {
  if (input.by === "energy") {
    const problems: string[] = [];
    if (input.parts.length < 2) problems.push("Give at least two parts.");
    if (BigInt(input.parts.length) > rules.params.maxSplitParts) {
      problems.push(`At most ${rules.params.maxSplitParts.toString()} parts in one split (the chain's max_split_parts): split a part again for more.`);
    }
    input.parts.forEach((p, i) => {
      if (p === undefined || p <= 0n) problems.push(`Part ${i + 1} needs a positive energy, such as 100 or 12.5 (kWh, at most three decimals).`);
    });
    const sum = input.parts.reduce<bigint>((a, p) => a + (p ?? 0n), 0n);
    if (problems.length === 0 && sum !== token.whPerPeriod) {
      const diff = token.whPerPeriod - sum;
      problems.push(
        `The parts add up to ${formatEnergy(sum)} per period; the token has ${formatEnergy(token.whPerPeriod)}: ${diff > 0n ? `add ${formatEnergy(diff)}` : `take away ${formatEnergy(-diff)}`}.`,
      );
    }
    const shapes = problems.length > 0 ? [] : input.parts.map((p) => ({ firstPeriod: token.firstPeriod, lastPeriod: token.lastPeriod, whPerPeriod: p ?? 0n }));
    return { problems, shapes };
  }
  if (token.firstPeriod === token.lastPeriod) return { problems: ["A token of one period cannot be split by periods: split its energy instead."], shapes: [] };
  if (input.after === undefined || input.after < token.firstPeriod || input.after >= token.lastPeriod) {
    return { problems: ["Choose where to split: after one of the token's periods but its last."], shapes: [] };
  }
  return {
    problems: [],
    shapes: [
      { firstPeriod: token.firstPeriod, lastPeriod: input.after, whPerPeriod: token.whPerPeriod },
      { firstPeriod: input.after + 1n, lastPeriod: token.lastPeriod, whPerPeriod: token.whPerPeriod },
    ],
  };
}

/** splitPlan: a split replaces the whole token, so both owners sign (one when owner holds both). */
export function splitPlan(token: Token, owner: string, input: SplitInput, rules: Rules): Plan & { readonly joint: boolean } {
  const blockers = defined([heldSides(token, owner).length === 0 ? `You hold no side of token ${id(token)}.` : undefined, frozen(token, rules), committed(token), emitted(token, "split")]);
  const shaped = splitShapes(token, input, rules);
  return { problems: [...blockers, ...shaped.problems], shapes: blockers.length > 0 ? [] : shaped.shapes, joint: otherOwner(token, owner) !== owner };
}

/**
 * disaggregatePlan: the owner keeps `side` of the token and emits tokens with the split shape,
 * both of whose sides it owns (keptSource: the side unoffered, the token backing nothing yet).
 */
export function disaggregatePlan(token: Token, owner: string, side: Side, input: SplitInput, rules: Rules): Plan {
  const blockers = defined([kept(token, owner, side), frozen(token, rules), committed(token)]);
  const shaped = splitShapes(token, input, rules);
  return { problems: [...blockers, ...shaped.problems], shapes: blockers.length > 0 ? [] : shaped.shapes };
}

function kept(token: Token, owner: string, side: Side): string | undefined {
  const held = sideOf(token, side);
  if (held?.owner !== owner) return `You do not hold the ${sideName(side)} of token ${id(token)}.`;
  if (held.ask?.forSale === true) return `The ${sideName(side)} of token ${id(token)} is offered: withdraw the offer before it backs new tokens.`;
  return undefined;
}

/** combineShape is the cumulative shape of tokens (combine in shapes.go): equal periods add, adjacent ones join. */
export function combineShape(tokens: readonly Token[], rules: Rules): Plan {
  const sorted = [...tokens].sort((a, b) => (a.firstPeriod < b.firstPeriod ? -1 : a.firstPeriod > b.firstPeriod ? 1 : 0));
  const [first] = sorted;
  if (first === undefined) return { problems: [], shapes: [] };
  const same = sorted.every((t) => t.firstPeriod === first.firstPeriod && t.lastPeriod === first.lastPeriod);
  const adjacent = sorted.every((t, i) => i === 0 || (t.whPerPeriod === first.whPerPeriod && t.firstPeriod === (sorted[i - 1]?.lastPeriod ?? 0n) + 1n));
  if (same) return { problems: [], shapes: [{ firstPeriod: first.firstPeriod, lastPeriod: first.lastPeriod, whPerPeriod: sorted.reduce((a, t) => a + t.whPerPeriod, 0n) }] };
  if (adjacent) {
    const last = sorted[sorted.length - 1]?.lastPeriod ?? first.lastPeriod;
    if (last - first.firstPeriod + 1n > rules.params.maxTokenPeriods) {
      return { problems: [`Together they would span ${(last - first.firstPeriod + 1n).toString()} periods, more than a token may (${rules.params.maxTokenPeriods.toString()}).`], shapes: [] };
    }
    return { problems: [], shapes: [{ firstPeriod: first.firstPeriod, lastPeriod: last, whPerPeriod: first.whPerPeriod }] };
  }
  return { problems: ["The tokens must cover the same periods (their energy adds up), or follow one another with the same energy per period (their periods join)."], shapes: [] };
}

function count(tokens: readonly Token[], rules: Rules, what: string): string[] {
  const out: string[] = [];
  if (tokens.length < 2) out.push(`Choose at least two tokens to ${what}.`);
  if (BigInt(tokens.length) > rules.params.maxMergeInputs) {
    out.push(`At most ${rules.params.maxMergeInputs.toString()} tokens at once (the chain's max_merge_inputs): ${what} in several steps.`);
  }
  return out;
}

/** amount reads a math.Int string as the chain compares it: "" is nil, taken as 0. */
const amount = (x: string | undefined) => BigInt(x === undefined || x === "" ? "0" : x);

/** alike names the first difference that keeps two tokens from merging (alike in msg_server_split.go). */
function alike(a: Token, b: Token): string | undefined {
  const diff = (what: string) => `Tokens ${id(a)} and ${id(b)} differ in ${what}, so they cannot be merged.`;
  if (a.category !== b.category) return diff("category");
  if (a.originShard !== b.originShard) return diff("origin");
  if (a.producer?.meterId !== b.producer?.meterId || a.consumer?.meterId !== b.consumer?.meterId) return diff("meters");
  if (a.faceValuePerMwh?.denom !== b.faceValuePerMwh?.denom || amount(a.faceValuePerMwh?.amount) !== amount(b.faceValuePerMwh?.amount)) return diff("face value");
  const ta = a.terms;
  const tb = b.terms;
  if (
    ta?.settlementDelayPeriods !== tb?.settlementDelayPeriods ||
    ta?.legalFramework !== tb?.legalFramework ||
    ta?.producerDefaultDelayPeriods !== tb?.producerDefaultDelayPeriods ||
    amount(ta?.producerDefaultFee) !== amount(tb?.producerDefaultFee) ||
    ta?.consumerDefaultDelayPeriods !== tb?.consumerDefaultDelayPeriods ||
    amount(ta?.consumerDefaultFee) !== amount(tb?.consumerDefaultFee)
  ) {
    return diff("contract terms");
  }
  if (JSON.stringify(a.capabilities ?? null, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) !== JSON.stringify(b.capabilities ?? null, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) {
    return diff("balancing services");
  }
  return undefined;
}

/** mergePlan: like tokens of the same two owners become one; both owners sign (one when the same). */
export function mergePlan(tokens: readonly Token[], owner: string, rules: Rules): Plan & { readonly joint: boolean; readonly producerOwner: string; readonly consumerOwner: string } {
  const [first] = tokens;
  const producerOwner = first?.producer?.owner ?? "";
  const consumerOwner = first?.consumer?.owner ?? "";
  const problems = count(tokens, rules, "merge");
  for (const t of tokens) {
    problems.push(...defined([frozen(t, rules), committed(t), emitted(t, "merged")]));
    if (t.producer?.owner !== producerOwner || t.consumer?.owner !== consumerOwner) {
      problems.push(`Token ${id(t)} has other side owners than token ${first === undefined ? "" : id(first)}: only tokens held by the same two owners merge.`);
    } else if (first !== undefined && t !== first) {
      problems.push(...defined([alike(first, t)]));
    }
  }
  if (first !== undefined && producerOwner !== owner && consumerOwner !== owner) problems.push("You hold no side of these tokens.");
  const shape = problems.length > 0 ? { problems: [], shapes: [] } : combineShape(tokens, rules);
  return { problems: [...problems, ...shape.problems], shapes: shape.shapes, joint: producerOwner !== consumerOwner, producerOwner, consumerOwner };
}

/**
 * aggregatePlan: the owner keeps `side` of every token and emits one token with their cumulative
 * shape, both of whose sides it owns (AggregateSides: homogeneous category and origin).
 */
export function aggregatePlan(tokens: readonly Token[], owner: string, side: Side, rules: Rules): Plan {
  const problems = count(tokens, rules, "aggregate");
  const [first] = tokens;
  for (const t of tokens) {
    problems.push(...defined([kept(t, owner, side), frozen(t, rules), committed(t)]));
    if (first !== undefined && t !== first && t.category !== first.category) problems.push(`Tokens ${id(first)} and ${id(t)} are of different categories: aggregated energy must be of one category.`);
    if (first !== undefined && t !== first && t.originShard !== first.originShard) problems.push(`Tokens ${id(first)} and ${id(t)} come from different chains: aggregated energy must come from one.`);
  }
  const shape = problems.length > 0 ? { problems: [], shapes: [] } : combineShape(tokens, rules);
  return { problems: [...problems, ...shape.problems], shapes: shape.shapes };
}

/** CancelPlan says how owner may cancel the token: alone (both sides its own), paying the fee, or jointly. */
export interface CancelPlan {
  readonly problems: readonly string[];
  /** other is the other side's owner (owner itself when it holds both). */
  readonly other: string;
  /** alone: owner holds both sides, MsgCancelToken cancels for free. */
  readonly alone: boolean;
  /** fee is the cancellation fee MsgCancelToken pays to the other owner (0: none agreed). */
  readonly fee: bigint;
}

export function cancelPlan(token: Token, owner: string, rules: Rules): CancelPlan {
  const held = heldSides(token, owner);
  const problems = defined([held.length === 0 ? `You hold no side of token ${id(token)}.` : undefined, frozen(token, rules), committed(token)]);
  const other = otherOwner(token, owner);
  const fee = amount(token.terms?.cancellationFee);
  return { problems, other, alone: held.length === 2, fee };
}
