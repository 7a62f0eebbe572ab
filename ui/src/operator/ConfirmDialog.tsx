/** A modal that asks before an operator's act is signed, shows it under way and its refusal. */
import { type ReactNode, useEffect, useRef } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading } from "../components/Status.js";

export function ConfirmDialog(props: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
  readonly pending: boolean;
  readonly error: unknown;
  readonly disabled?: boolean;
  readonly danger?: boolean;
  /** done: the act went through; only Close is offered. */
  readonly done?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { chain } = useChain();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={props.title} onClose={props.onClose} onCancel={() => props.onClose()} data-testid="operator-confirm">
      <h2>{props.title}</h2>
      {props.children}
      {props.error === null || props.error === undefined ? null : <ErrorNote error={props.error} rpc={chain.rpc} title="Refused." />}
      {props.pending ? <Loading label="Signing as the grid operator and waiting for the block…" height="2rem" /> : null}
      <div className="dialog-actions">
        {props.done === true ? null : (
          <button type="button" onClick={props.onClose} disabled={props.pending}>
            Cancel
          </button>
        )}
        <button type="button" className={props.danger === true ? "primary danger" : "primary"} onClick={props.onConfirm} disabled={props.pending || props.disabled === true} data-testid="confirm-act">
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
