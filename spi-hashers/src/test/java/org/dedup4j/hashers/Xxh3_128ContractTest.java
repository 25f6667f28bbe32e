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
}
