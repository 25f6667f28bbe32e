package org.dedup4j;

/**
 * An estimate of the whole data's unique chunks and dedupe ratio from a percent sample's frequency
 * counts ({@code f1} distinct chunks seen once in the sample, {@code f2} seen twice, ...), with the
 * bounds its method states. Random block samples bound deduplication loosely: a duplicate is seen
 * only when its twin is sampled too, so at 1% the bounds span a wide range. Immutable.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().samplePercent(5, 42).build().scan(path);
 * PercentEstimate e = r.estimate();   // GEE, the method with a guaranteed error factor
 * System.out.printf("%.2f:1 (%.2f..%.2f)%n", e.dedupeRatio(), e.dedupeRatioLow(), e.dedupeRatioHigh());
 * }</pre>
 *
 * @param method {@code gee} (Charikar et al., PODS 2000) or {@code chao-lee} (Chao and Lin's
 *     finite-population Chao1)
 * @param uniqueChunks the point estimate of the whole data's unique chunks
 * @param uniqueChunksLow the lower bound
 * @param uniqueChunksHigh the upper bound
 * @param dedupeRatio the dedupe ratio that follows (bytes / estimated unique bytes)
 * @param dedupeRatioLow the lower bound (from {@code uniqueChunksHigh})
 * @param dedupeRatioHigh the upper bound (from {@code uniqueChunksLow})
 * @param bound what the bounds are, in words
 */
public record PercentEstimate(
    String method,
    double uniqueChunks,
    double uniqueChunksLow,
    double uniqueChunksHigh,
    double dedupeRatio,
    double dedupeRatioLow,
    double dedupeRatioHigh,
    String bound) {}
