package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code buzhash:min=256,avg=1k,max=8k,window=31,seed=7}. */
class BuzhashContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("buzhash:min=256,avg=1k,max=8k,window=31,seed=7");
  }
}
