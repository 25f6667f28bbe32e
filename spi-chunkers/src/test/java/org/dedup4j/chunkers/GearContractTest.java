package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code gear:min=256,avg=1k,max=8k,seed=42}. */
class GearContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("gear:min=256,avg=1k,max=8k,seed=42");
  }
}
