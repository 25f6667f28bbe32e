package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code fastcdc2020:min=256,avg=1k,max=8k,level=1,seed=0}. */
class FastCdc2020ContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("fastcdc2020:min=256,avg=1k,max=8k,level=1,seed=0");
  }
}
