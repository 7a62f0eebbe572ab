/**
 * TEST ONLY — NEVER USE FOR VALUE.
 *
 * Fixed, public BIP39 mnemonics for local dev and test chains, so that every dev chain and every
 * test run has the same, predictable addresses. Anyone can read these words: an account derived
 * from them must never hold anything of value, on any network.
 */
import type { AccountSpec, BankSpec } from "./chain/spec.js";
import { DENOM } from "./chain/spec.js";

/** DEV_ACCOUNT_NAMES are the accounts of every dev and test chain, in display order. */
export const DEV_ACCOUNT_NAMES = ["operator", "validator", "alice", "bob", "carol", "bank"] as const;
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number];

/** DEV_MNEMONICS: TEST ONLY, NEVER USE FOR VALUE. One fixed mnemonic per well-known dev account. */
export const DEV_MNEMONICS: Readonly<Record<DevAccountName, string>> = {
  operator:
    "horror lock panda harvest rate tragic famous expand rebel tube ceiling era car merit harbor scene become race change olive tool know lunar arrange",
  validator:
    "resemble exit arch mind table fitness island dash reason rude coyote elephant ski review wild ignore turtle fun scan best toward post around island",
  alice:
    "digital belt extra bag mention margin erase orange few asthma matrix bonus alley lunar damage smooth brass hungry grit leisure course salmon neither earn",
  bob: "cliff spice pretty rather shoot brick cheese laundry capable pass negative bench liquid season fancy gorilla dress actor gather tool limb anger agree reopen",
  carol:
    "obscure hybrid leaf shrug trial coconut relax snow alert slab know pulse choose record arrive matrix climb payment mutual kid start round never dilemma",
  bank: "rhythm hundred ordinary deal title report obey lion auto rifle cash spirit abstract certain such avocado kitchen pilot improve civil honey exhibit initial chaos",
};

/**
 * SPARE_DEV_MNEMONICS: TEST ONLY, NEVER USE FOR VALUE. Handed out in order to other accounts
 * without a mnemonic (extra validators "validator-1", ..., extra participants).
 */
export const SPARE_DEV_MNEMONICS: readonly string[] = [
  "caution treat wool brief around aerobic rebuild near never sand random simple antique gun two please bread post dad behind slush resemble echo basket",
  "nut fortune before grain cricket gossip movie unaware opera clean december festival clinic assist nature mushroom glare youth sense lottery follow blue hen domain",
  "subject resemble window chase problem emerge inquiry put music shift pigeon truck theory bus wild sail bracket dog virus salmon error tiger either kidney",
  "volume search canoe flip budget random camera orphan frown lava meat pledge april globe force perfect lake right verb scrap despair summer rigid royal",
  "supreme tray banner fish best found story master beauty rookie recipe fit cost federal nurse apple suffer hungry crime capital happy laugh picnic march",
  "exhibit oven okay sphere ethics goose tragic waste wagon blouse slim scout better hazard giggle belt celery parent catalog engine rabbit vessel brisk mandate",
  "tornado square ancient fork patient two chicken fit tell direct better sting crystal grow arrest own summer access fade entire chapter hunt cook lake",
  "antique champion very fix expect emerge fade alley audit ten knee solution print noise film oval reject heavy screen raw harbor soap cheese divide",
  "woman claw urban control proud promote clap ride lunch frame private shed smooth cram upgrade luggage like frog peasant jar memory fish wish scorpion",
  "expect animal inch desert busy follow run fuel mammal father project teach miss box fruit parent vault tired habit giant grit wool output exit",
];

/** DEV_ACCOUNT_COINS is each dev account's genesis balance: one million grid. */
export const DEV_ACCOUNT_COINS = `1000000000000${DENOM}`;

/** devAccounts lists the standard dev accounts (operator, validator, alice, bob, carol, bank). */
export function devAccounts(coins = DEV_ACCOUNT_COINS): AccountSpec[] {
  return DEV_ACCOUNT_NAMES.map((name) => ({ name, coins, mnemonic: DEV_MNEMONICS[name] }));
}

/** ResolvedAccount is an account whose mnemonic is known. */
export type ResolvedAccount = AccountSpec & { mnemonic: string };

/**
 * assignMnemonics gives every account a mnemonic, deterministically: its own, else the dev
 * mnemonic of its name, else the next spare in list order.
 */
export function assignMnemonics(accounts: readonly AccountSpec[]): ResolvedAccount[] {
  let spare = 0;
  return accounts.map((account) => {
    if (account.mnemonic !== undefined) return { ...account, mnemonic: account.mnemonic };
    const known = (DEV_MNEMONICS as Record<string, string | undefined>)[account.name];
    if (known !== undefined) return { ...account, mnemonic: known };
    const next = SPARE_DEV_MNEMONICS[spare++];
    if (next === undefined) {
      throw new Error(`no spare dev mnemonic left for account "${account.name}": give it a mnemonic in the chain spec or add spares to dev-accounts.ts`);
    }
    return { ...account, mnemonic: next };
  });
}

/**
 * DEV_BANK is the bank entity of every dev and test chain: the "bank" account issues Swiss francs
 * as uchf.alpine (display chf.alpine, 6 decimals) and charges 5 basis points per settlement
 * payment. It starts with a zero reserve: attest one before minting.
 */
export const DEV_BANK: Readonly<BankSpec> = {
  account: "bank",
  denom: "uchf.alpine",
  displayDenom: "chf.alpine",
  currency: "CHF",
  exponent: 6,
  fee: { kind: "basisPoints", basisPoints: 5 },
};

/** devBanks lists the genesis banks of dev and test chains (a fresh copy each call). */
export function devBanks(): BankSpec[] {
  return [{ ...DEV_BANK, fee: { ...DEV_BANK.fee } }];
}
