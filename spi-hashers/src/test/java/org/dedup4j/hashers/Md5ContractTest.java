package org.dedup4j.hashers;

import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;

/** {@code md5}, MD5 (JDK), keeps the contract every hasher keeps. */
class Md5ContractTest extends AbstractHasherContractTest {

  @Override
  protected Hasher hasher() {
    return Hashers.fromSpec("md5");
  }
}
