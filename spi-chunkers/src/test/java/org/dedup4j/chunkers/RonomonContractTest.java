package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code ronomon:min=256,avg=1k,max=8k}. */
class RonomonContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("ronomon:min=256,avg=1k,max=8k");
  }
}
