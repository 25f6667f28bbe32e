package org.dedup4j.examples;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/**
 * What a third-party plugin author does: extend the contract kit from the {@code dedup4j-core}
 * test-jar and name the chunker; every property of the kit then runs against it.
 */
class LineChunkerContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("lines:min=16,max=4k");
  }
}
