package org.dedup4j.hashers;

import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;

/** {@code xxh3-128}, XXH3-128, keeps the contract every hasher keeps. */
class Xxh3_128ContractTest extends AbstractHasherContractTest {

  @Override
  protected Hasher hasher() {
    return Hashers.fromSpec("xxh3-128");
  }

  /** hash4j returns each 128-bit hash as a 32-byte {@code HashValue128}; see Xxh3Hasher. */
  @Override
  protected int allowedAllocationPerDigest() {
    return 32;
  }
}
