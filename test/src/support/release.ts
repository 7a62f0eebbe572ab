/**
 * Builds gridd of an earlier release, for the upgrade suite: the tag's chain/ folder is taken
 * out of git (`git archive`, no checkout touched) and built into the tool cache, once per commit
 * (<cache>/releases/<commit>/gridd), so later runs reuse it. The flags are build-chain.sh's, so Go's build
 * cache of the current build serves the SDK packages.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { cacheDir, exists, REPO_ROOT, run, type Log } from "@gridledger/relayer";

/** A release the suite can build: its tag, and its commit for clones that carry no tags (CI clones one branch). */
export interface ReleaseRef {
  tag: string;
  commit: string;
}

export interface Release {
  tag: string;
  commit: string;
  binary: string;
}

/**
 * buildRelease returns the cached gridd of `ref`, building it first (a few minutes) when it is
 * missing. The commit is what is built; the tag, when the clone has it, must name that commit.
 */
export async function buildRelease(ref: ReleaseRef, log: Log): Promise<Release> {
  const { tag, commit } = ref;
  const tagged = await run("git", ["-C", REPO_ROOT, "rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`]).then(
    (r) => r.stdout.trim(),
    () => undefined,
  );
  if (tagged !== undefined && tagged !== commit) {
    throw new Error(`the tag ${tag} names ${tagged} but the upgrade suite pins ${commit}: correct PREVIOUS_RELEASE in upgrade.net.spec.ts`);
  }
  try {
    await run("git", ["-C", REPO_ROOT, "cat-file", "-e", `${commit}^{commit}`]);
  } catch {
    throw new Error(`commit ${commit} (${tag}) is not in ${REPO_ROOT}: the upgrade suite builds that release from history; a shallow clone lacks it (git fetch --unshallow)`);
  }
  const dir = join(cacheDir(), "releases", commit);
  const binary = join(dir, "gridd");
  if (await exists(binary)) return { tag, commit, binary };
  log(`building gridd ${tag} (${commit.slice(0, 12)}) into ${dir} (once)`);
  const src = join(dir, "src");
  await rm(src, { recursive: true, force: true });
  await mkdir(src, { recursive: true });
  const pkg = "github.com/cosmos/cosmos-sdk/version";
  const ldflags = `-X ${pkg}.Name=gridledger -X ${pkg}.AppName=gridd -X ${pkg}.Version=${tag} -X ${pkg}.Commit=${commit}`;
  await run(
    "bash",
    ["-c", 'set -euo pipefail; git -C "$1" archive --format=tar "$2" chain | tar -x -C "$3"; cd "$3/chain"; go build -mod=readonly -ldflags "$4" -o "$5" ./cmd/gridd', "_", REPO_ROOT, commit, src, ldflags, `${binary}.tmp`],
    { timeoutMs: 1_200_000 },
  );
  await rename(`${binary}.tmp`, binary);
  await rm(src, { recursive: true, force: true });
  return { tag, commit, binary };
}
