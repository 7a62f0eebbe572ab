/** Split or disaggregate a token: the form, then signing (alone, or first of two owners), then the result. */
import { splitTokenMsg, type Token } from "@gridledger/client";
import { useEffect, useRef, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import type { FiatUnit } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import type { Rules, SplitInput } from "./actions.js";
import { HandOver } from "./HandOver.js";
import { type SplitAction, SplitForm } from "./SplitForm.js";
import { usePrepareJoint, useSign } from "./useJointAction.js";

const shape = (input: SplitInput) => (input.by === "energy" ? { whParts: input.parts.map((p) => p ?? 0n) } : { splitAfterPeriod: input.after ?? 0n });

export function SplitDialog(props: { readonly token: Token; readonly rules: Rules; readonly unit: FiatUnit | undefined; readonly name: (a: string) => string; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { chain } = useChain();
  const { account } = useWallet();
  const [action, setAction] = useState<SplitAction | undefined>(undefined);
  const t = props.token;
  const owners = { producerOwner: t.producer?.owner ?? "", consumerOwner: t.consumer?.owner ?? "" };
  const run = useSign(async (signer, address): Promise<bigint[]> => {
    if (action === undefined) return [];
    if (action.kind === "split") return signer.splitToken({ ...owners, tokenId: t.id, ...shape(action.input) });
    return signer.disaggregateSide(address, {
      side: action.side,
      sourceTokenId: t.id,
      ...shape(action.input),
      faceValuePerMwh: { denom: t.faceValuePerMwh?.denom ?? props.unit?.denom ?? "", amount: action.faceValuePerMwh },
    });
  });
  const prepare = usePrepareJoint(() => (action?.kind === "split" ? [splitTokenMsg({ ...owners, tokenId: t.id, ...shape(action.input) })] : []), `split token #${t.id.toString()}`);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);
  useEffect(() => {
    if (action === undefined) return;
    if (action.kind === "split" && owners.producerOwner !== owners.consumerOwner) prepare.mutate();
    else run.mutate();
    // Runs once per submitted action.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);

  const pending = run.isPending || prepare.isPending;
  const done = run.isSuccess || prepare.isSuccess;
  const close = (
    <button type="button" onClick={props.onClose} disabled={pending} autoFocus={done}>
      {done ? "Close" : "Cancel"}
    </button>
  );
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="split-title" onClose={props.onClose} onCancel={() => props.onClose()}>
      <h2 id="split-title">
        Split token #{t.id.toString()} {account?.testKey ? <TestKeyBadge /> : null}
      </h2>
      {run.isSuccess ? (
        <p role="status" className="success" data-testid="split-done">
          Done: token #{t.id.toString()} is now token{run.data.length === 1 ? "" : "s"} {run.data.map((x) => `#${x.toString()}`).join(", ")}.
        </p>
      ) : prepare.isSuccess ? (
        <HandOver prepared={prepare.data} name={props.name} demo={account?.testKey === true} />
      ) : (
        <SplitForm token={t} owner={account?.address ?? ""} rules={props.rules} unit={props.unit} name={props.name} busy={pending} onSubmit={setAction} secondary={close} />
      )}
      {run.isError ? <ErrorNote error={run.error} rpc={chain.rpc} title="Not split." /> : null}
      {prepare.isError ? <ErrorNote error={prepare.error} rpc={chain.rpc} title="Not prepared." /> : null}
      {pending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
      {done ? <div className="dialog-actions">{close}</div> : null}
    </dialog>
  );
}
