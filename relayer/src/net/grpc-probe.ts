/**
 * grpcProbe makes one real gRPC call (an empty request) over HTTP/2 without a gRPC library, to
 * tell whether a node's gRPC server serves queries: Hermes reads chains through it.
 */
import { connect } from "node:http2";

/** NODE_INFO is a cheap query every Cosmos SDK node serves. */
export const NODE_INFO = "/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo";

/** grpcProbe resolves undefined when `method` answers with grpc-status 0, else with why not. */
export function grpcProbe(address: string, method = NODE_INFO, timeoutMs = 3_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const session = connect(`http://${address}`);
    const done = (why: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    session.on("error", (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    const req = session.request({ ":method": "POST", ":path": method, "content-type": "application/grpc", te: "trailers" });
    let status: string | undefined;
    let message = "";
    const grpcStatus = (headers: Record<string, unknown>) => {
      if (headers["grpc-status"] !== undefined) status = String(headers["grpc-status"]);
      if (headers["grpc-message"] !== undefined) message = decodeURIComponent(String(headers["grpc-message"]));
    };
    req.on("response", (headers) => {
      if (headers[":status"] !== 200) return done(`HTTP ${String(headers[":status"])}`);
      grpcStatus(headers);
    });
    req.on("trailers", grpcStatus);
    req.on("data", () => {});
    req.on("end", () => done(status === "0" ? undefined : `grpc-status ${status ?? "missing"}${message ? `: ${message}` : ""}`));
    // A stream cancelled because the connection failed carries the connection's error as its cause.
    req.on("error", (err: NodeJS.ErrnoException) => done((err.cause as NodeJS.ErrnoException | undefined)?.code ?? err.code ?? err.message));
    // An empty protobuf message: no compression flag, length 0.
    req.end(Buffer.alloc(5));
  });
}
