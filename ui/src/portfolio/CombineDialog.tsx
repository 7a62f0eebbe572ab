/** Merge the selected tokens or aggregate the selected sides: the form, signing, the result. */
import { mergeTokensMsg } from "@gridledger/client";
import { useEffect, useRef, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import type { FiatUnit } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import type { Rules } from "./actions.js";
import { type CombineAction, CombineForm, type Selected } from "./CombineForm.js";
import { HandOver } from "./HandOver.js";
import { usePrepareJoint, useSign } from "./useJointAction.js";

export function CombineDialog(props: { readonly selected: readonly Selected[]; readonly rules: Rules; readonly unit: FiatUnit | undefined; readonly name: (a: string) => string; readonly onClose: (done: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { chain } = useChain();
  const { account } = useWallet();
  const [action, setAction] = useState<CombineAction | undefined>(undefined);
  const tokens = [...new Map(props.selected.map((s) => [s.token.id, s.token])).values()];
  const first = tokens[0];
  const owners = { producerOwner: first?.producer?.owner ?? "", consumerOwner: first?.consumer?.owner ?? "" };
  const ids = tokens.map((t) => t.id);
  const run = useSign(async (signer, address): Promise<bigint> => {
    if (action?.kind === "aggregate") {
      return signer.aggregateSides(address, {
        side: action.side,
        sourceTokenIds: ids,
        faceValuePerMwh: { denom: first?.faceValuePerMwh?.denom ?? props.unit?.denom ?? "", amount: action.faceValuePerMwh },
      });
    }
    return signer.mergeTokens({ ...owners, tokenIds: ids });
  });
  const prepare = usePrepareJoint(() => [mergeTokensMsg({ ...owners, tokenIds: ids })], `merge tokens ${ids.map((x) => `#${x.toString()}`).join(", ")}`);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);
  useEffect(() => {
    if (action === undefined) return;
    if (action.kind === "merge" && owners.producerOwner !== owners.consumerOwner) prepare.mutate();
    else run.mutate();
    // Runs once per submitted action.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);

  const pending = run.isPending || prepare.isPending;
  const done = run.isSuccess || prepare.isSuccess;
  const close = (
    <button type="button" onClick={() => props.onClose(done)} disabled={pending} autoFocus={done}>
      {done ? "Close" : "Cancel"}
    </button>
  );
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="combine-title" onClose={() => props.onClose(done)} onCancel={() => props.onClose(done)}>
      <h2 id="combine-title">Combine tokens {account?.testKey ? <TestKeyBadge /> : null}</h2>
      {run.isSuccess ? (
        <p role="status" className="success" data-testid="combine-done">
          Done: {action?.kind === "aggregate" ? "your sides back" : "the tokens are now"} token #{run.data.toString()}.
        </p>
      ) : prepare.isSuccess ? (
        <HandOver prepared={prepare.data} name={props.name} demo={account?.testKey === true} />
      ) : (
        <CombineForm selected={props.selected} owner={account?.address ?? ""} rules={props.rules} unit={props.unit} name={props.name} busy={pending} onSubmit={setAction} secondary={close} />
      )}
      {run.isError ? <ErrorNote error={run.error} rpc={chain.rpc} title="Not combined." /> : null}
      {prepare.isError ? <ErrorNote error={prepare.error} rpc={chain.rpc} title="Not prepared." /> : null}
      {pending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
      {done ? <div className="dialog-actions">{close}</div> : null}
    </dialog>
  );
}
