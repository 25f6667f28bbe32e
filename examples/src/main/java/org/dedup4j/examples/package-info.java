/**
 * Examples for the two kinds of users of the library: {@link org.dedup4j.examples.EmbeddingExample}
 * calls the scanner from a program; {@link org.dedup4j.examples.LineChunkerProvider} is a toy
 * third-party chunker plugin, found through its {@code META-INF/services} entry exactly as a plugin
 * in its own jar would be.
 */
package org.dedup4j.examples;
