package org.dedup4j.hashers;

import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;

/** {@code xxh64}, XXH64 (lz4-java, hash4j for some buffers), keeps the contract of every hasher. */
class Xxh64ContractTest extends AbstractHasherContractTest {

  @Override
  protected Hasher hasher() {
    return Hashers.fromSpec("xxh64");
  }
}
