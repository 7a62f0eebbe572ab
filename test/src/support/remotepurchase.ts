/**
 * Set-up for the UI's cross-grid purchase test on the default hierarchy. gridnet itself seeds
 * euro link fees and vouchers for the three-link path local-valley → regional-west (gridnet step 7);
 * this set-up deliberately tests a second path and currency: alpenkraft offers a small hydro token
 * in uchf.alpine on transmission, the grid operators of transmission and regional-east set a fee in
 * uchf.alpine on their link down the path, and alice carries uchf.alpine down to valley-school on
 * local-valley as ICS-20 vouchers.
 */
import { currentPeriod, type GridledgerClient } from "@gridledger/client";
import { linkChannel, type NetworkState } from "@gridledger/relayer";

import { balance, voucherDenom, waitFor } from "./network.js";

export const REMOTE_DENOM = "uchf.alpine";
/** REMOTE_FEES are the fees per MWh the set-up charges on the links, by parent chain. */
export const REMOTE_FEES = { transmission: 2_000_000n, "regional-east": 1_000_000n } as const;

export interface RemotePurchaseSetup {
  /** tokenId is the offered token on transmission. */
  readonly tokenId: bigint;
  readonly whPerPeriod: bigint;
  readonly periods: bigint;
  /** voucher is uchf.alpine's denom on local-valley, held by valley-school. */
  readonly voucher: string;
}

type ClientOf = (chain: string, account: string) => Promise<GridledgerClient>;

/** prepareRemotePurchase offers the token, sets the fees and funds the valley consumer; it waits for the vouchers. */
export async function prepareRemotePurchase(state: NetworkState, client: ClientOf, address: (account: string) => string, log: (m: string) => void): Promise<RemotePurchaseSetup> {
  const chainOf = (name: string) => {
    const c = state.chains.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no chain ${name}`);
    return c;
  };
  // A small hydro token: 100 kWh per period over four periods, its consumer side offered at CHF 90/MWh.
  const alpenkraft = await client("transmission", "alpenkraft");
  const first = (await currentPeriod(alpenkraft)) + 8n;
  const whPerPeriod = 100_000n;
  const periods = 4n;
  const tokenId = await alpenkraft.issueToken(address("alpenkraft"), {
    firstPeriod: first,
    lastPeriod: first + periods - 1n,
    whPerPeriod,
    producerMeterId: "alpenkraft-dam-1",
    faceValuePerMwh: { denom: REMOTE_DENOM, amount: 90_000_000n },
    consumerAsk: { pricePerMwh: 90_000_000n, denom: REMOTE_DENOM },
  });
  log(`remote purchase set-up: alpenkraft offers token ${tokenId} on transmission`);

  // Each link's parent charges its fee in uchf.alpine.
  const tso = await client("transmission", "tso");
  const eastEnergy = linkChannel(state, "transmission", "regional-east", "energy");
  expect0((await tso.setLinkFee(address("tso"), eastEnergy.parent.channelId, REMOTE_DENOM, REMOTE_FEES.transmission)).code, "tso sets a link fee");
  const dso = await client("regional-east", "dso-east");
  const valleyEnergy = linkChannel(state, "regional-east", "local-valley", "energy");
  expect0((await dso.setLinkFee(address("dso-east"), valleyEnergy.parent.channelId, REMOTE_DENOM, REMOTE_FEES["regional-east"])).code, "dso-east sets a link fee");

  // CHF 100 down two links as ICS-20 vouchers: alice to herself on regional-east, then on to valley-school.
  const amount = 100_000_000n;
  const toEast = linkChannel(state, "transmission", "regional-east");
  const toValley = linkChannel(state, "regional-east", "local-valley");
  const onEast = `${toEast.child.portId}/${toEast.child.channelId}/${REMOTE_DENOM}`;
  const onValley = `${toValley.child.portId}/${toValley.child.channelId}/${onEast}`;
  const timeout = Math.floor(Date.now() / 1000) + 600;
  const eastBefore = await balance(chainOf("regional-east"), address("alice"), voucherDenom(onEast));
  const alice = await client("transmission", "alice");
  const sent = await alice.signingClient.sendIbcTokens(address("alice"), address("alice"), { denom: REMOTE_DENOM, amount: amount.toString() }, toEast.parent.portId, toEast.parent.channelId, undefined, timeout, "auto");
  expect0(sent.code, `transfer to regional-east: ${sent.rawLog ?? ""}`);
  await waitFor("uchf.alpine vouchers on regional-east", () => balance(chainOf("regional-east"), address("alice"), voucherDenom(onEast)), (b) => b >= eastBefore + amount, 180_000);
  const aliceEast = await client("regional-east", "alice");
  const on = await aliceEast.signingClient.sendIbcTokens(address("alice"), address("valley-school"), { denom: voucherDenom(onEast), amount: amount.toString() }, toValley.parent.portId, toValley.parent.channelId, undefined, timeout, "auto");
  expect0(on.code, `transfer to local-valley: ${on.rawLog ?? ""}`);
  const voucher = voucherDenom(onValley);
  await waitFor("uchf.alpine vouchers for valley-school on local-valley", () => balance(chainOf("local-valley"), address("valley-school"), voucher), (b) => b >= amount, 180_000);
  return { tokenId, whPerPeriod, periods, voucher };
}

function expect0(code: number, what: string): void {
  if (code !== 0) throw new Error(`${what} failed with code ${code}`);
}
