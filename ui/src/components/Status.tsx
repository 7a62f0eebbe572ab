/** Loading, empty and error states, the same everywhere. */
import type { ReactNode } from "react";

import { type ErrorContext, errorSentence } from "../format/errors.js";

/** Loading keeps the place of what is coming (no layout jump), with a label for screen readers. */
export function Loading({ label, height = "8rem" }: { readonly label: string; readonly height?: string }) {
  return (
    <div className="loading" style={{ minHeight: height }} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children === undefined ? null : <div>{children}</div>}
    </div>
  );
}

/** ErrorNote shows an error as the sentence that says what to do. */
export function ErrorNote({ error, rpc, title, units }: { readonly error: unknown; readonly rpc?: string; readonly title?: string; readonly units?: ErrorContext["units"] }) {
  const context: ErrorContext = { ...(rpc === undefined ? {} : { rpc }), ...(units === undefined ? {} : { units }) };
  return (
    <div className="error-note" role="alert">
      {title === undefined ? null : <strong>{title} </strong>}
      {errorSentence(error, context)}
    </div>
  );
}

/** TestKeyBadge marks an account whose key is public: it must never hold value. */
export function TestKeyBadge() {
  return (
    <span className="badge test-key" title="A demo account of a local network: its key is public. Never give it anything of value.">
      TEST KEY
    </span>
  );
}

/** shortAddress keeps an address recognisable in little space: grid1abcd…wxyz. */
export function shortAddress(address: string): string {
  return address.length <= 16 ? address : `${address.slice(0, 9)}…${address.slice(-4)}`;
}
