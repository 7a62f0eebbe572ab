/**
 * Operator console: the grid operator (x/balancing's grid_operator parameter) admits, suspends,
 * reinstates and excludes participants and sets their position limits, registers meters and
 * rotates or retires their keys, sets price bands, publishes reference prices, redispatches, and
 * follows reconciliation. Parameters that governance or genesis sets are shown read-only. Anyone
 * else sees the console read-only, told who the operator is.
 */
import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import { useParticipants } from "../chain/reads.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { MarketRules } from "./MarketRules.js";
import { MetersSection } from "./MetersSection.js";
import "./operator.css";
import { ParticipantsSection } from "./ParticipantsSection.js";
import { ReconciliationProgressSection } from "./ReconciliationProgress.js";
import { RedispatchSection } from "./Redispatch.js";
import { ReferencePrices } from "./ReferencePrices.js";
import { useBalancingParams, useOperator } from "./useOperator.js";

function Who({ operator, acting }: { readonly operator: string; readonly acting: boolean }) {
  const { chain } = useChain();
  const { account } = useWallet();
  const participants = useParticipants();
  const named = participants.data?.get(operator)?.displayName;
  const demo = chain.demoAccounts.find((a) => a.address === operator);
  if (acting) {
    return (
      <p className="who-operator acting" data-testid="operator-role">
        You are the grid operator of {chain.name} {account?.testKey === true ? <TestKeyBadge /> : null}: what you do here is signed with <code>{operator}</code>.
      </p>
    );
  }
  return (
    <p className="who-operator read-only" data-testid="operator-role">
      Read-only: the grid operator of {chain.name} is {named === undefined ? "" : `${named}, `}
      <code>{operator}</code>
      {demo === undefined ? "" : ` (the demo account "${demo.name}")`}. {account === undefined ? "Choose its account at the top to act." : "Only that account can act here; choose it at the top to act."}
    </p>
  );
}

export function OperatorView() {
  const { chain } = useChain();
  const params = useBalancingParams();
  const { operator, acting } = useOperator();
  return (
    <div className="operator">
      <div className="view-head">
        <h1>Operator</h1>
      </div>
      {params.isError ? (
        <ErrorNote error={params.error} rpc={chain.rpc} title="The grid operator could not be read." />
      ) : operator === undefined ? (
        <Loading label="Reading who the grid operator is…" height="3rem" />
      ) : (
        <Who operator={operator} acting={acting} />
      )}
      <ParticipantsSection acting={acting} operator={operator} />
      <MetersSection acting={acting} />
      <MarketRules acting={acting} />
      <div className="cards">
        <ReferencePrices acting={acting} />
        <ReconciliationProgressSection />
      </div>
      <RedispatchSection acting={acting} />
    </div>
  );
}
