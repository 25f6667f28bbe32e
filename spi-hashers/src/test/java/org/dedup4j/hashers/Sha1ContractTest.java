package org.dedup4j.hashers;

import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;

/** {@code sha1}, SHA-1 (JDK), keeps the contract every hasher keeps. */
class Sha1ContractTest extends AbstractHasherContractTest {

  @Override
  protected Hasher hasher() {
    return Hashers.fromSpec("sha1");
  }
}
