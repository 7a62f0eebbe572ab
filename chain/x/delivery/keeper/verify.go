package keeper

import (
	"runtime"
	"sync"

	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/hdevalence/ed25519consensus"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// sigCheck is one reading's signature to verify: the meter's key, the sign bytes and the
// signature. ok is set by verifyAll.
type sigCheck struct {
	alg balancingtypes.KeyAlgorithm
	key []byte
	msg []byte
	sig []byte
	ok  bool
}

// parallelFrom is the batch size from which verification uses every core: below it the
// goroutines cost more than they save.
const parallelFrom = 16

// verifyAll verifies every check, on all cores for a large batch. Whether a signature
// verifies does not depend on the order or the goroutine that checks it, and the gas is
// charged before (per reading, by the caller), so the result is the same on every node.
func verifyAll(checks []sigCheck) {
	workers := runtime.GOMAXPROCS(0)
	if len(checks) < parallelFrom || workers < 2 {
		verifyPart(checks)
		return
	}
	var wg sync.WaitGroup
	chunk := (len(checks) + workers - 1) / workers
	for start := 0; start < len(checks); start += chunk {
		end := min(start+chunk, len(checks))
		wg.Add(1)
		go func(part []sigCheck) {
			defer wg.Done()
			verifyPart(part)
		}(checks[start:end])
	}
	wg.Wait()
}

// verifyPart verifies a part of a batch. Its ed25519 signatures are checked together with
// ed25519consensus's batch verifier, about twice as fast per signature, whose answer is
// consistent with single verification under ZIP-215 (that is its purpose): when the batch
// holds a bad signature it says no, and each signature is then checked on its own, so a
// batch with forgeries costs about one and a half times a clean one, never a wrong answer.
func verifyPart(part []sigCheck) {
	bv := ed25519consensus.NewBatchVerifier()
	var batched []int
	for i := range part {
		c := &part[i]
		if c.alg == balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519 && len(c.key) == ed25519.PubKeySize && len(c.sig) == 64 {
			bv.Add(c.key, c.msg, c.sig)
			batched = append(batched, i)
			continue
		}
		c.ok = verifyOne(c)
	}
	if len(batched) == 0 {
		return
	}
	if len(batched) > 1 && bv.Verify() {
		for _, i := range batched {
			part[i].ok = true
		}
		return
	}
	for _, i := range batched {
		part[i].ok = verifyOne(&part[i])
	}
}

// verifyOne checks one signature: ed25519 under ZIP-215 rules (ed25519consensus, as
// CometBFT), secp256k1 as a Cosmos account's (ECDSA over SHA-256 of the bytes, 64-byte
// r || s, low s).
func verifyOne(c *sigCheck) bool {
	switch c.alg {
	case balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519:
		if len(c.key) != ed25519.PubKeySize {
			return false
		}
		return (&ed25519.PubKey{Key: c.key}).VerifySignature(c.msg, c.sig)
	case balancingtypes.KeyAlgorithm_KEY_ALGORITHM_SECP256K1:
		if len(c.key) != secp256k1.PubKeySize {
			return false
		}
		return (&secp256k1.PubKey{Key: c.key}).VerifySignature(c.msg, c.sig)
	default:
		return false
	}
}
