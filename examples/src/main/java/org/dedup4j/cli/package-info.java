/**
 * The {@code dedup4j} command line: {@code scan}, {@code compress}, {@code list} and {@code demo}.
 * Everything it does goes through the public API of {@code dedup4j-core} ({@link
 * org.dedup4j.DedupScanner}, {@link org.dedup4j.CompressibilityEstimator}, {@link
 * org.dedup4j.Chunkers}, {@link org.dedup4j.Hashers}, {@link org.dedup4j.Codecs}), so any chunker,
 * hasher or codec plugin on the class path is usable by name.
 */
package org.dedup4j.cli;
