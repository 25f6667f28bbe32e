package org.dedup4j;

import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;

/** The built-in {@code sha256} keeps the contract every hasher keeps. */
class Sha256ContractTest extends AbstractHasherContractTest {

  @Override
  protected Hasher hasher() {
    return Hashers.sha256();
  }
}
